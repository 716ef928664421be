using Ecommerce.Ordering;
using Ecommerce.Ordering.Events;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults("Ordering API", routePrefix: "order");
builder.AddOwnedTable(ResourceDefinitions.OrderTable);
builder.Services.AddSingleton<OrderRepository>();
builder.AddEventBus();
builder.AddEventQueueConsumer<CheckoutConsumer, CheckoutBasketEvent>();
builder.AddEventQueueConsumer<SagaConsumer, OrderStepEvent>();
builder.AddEventQueueConsumer<ExpiryConsumer, OrderEvent>();
builder.AddStreamConsumer<OrderPublisher>();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, OrderJsonContext.Default));

var app = builder.Build();

app.MapServiceDefaults();
app.MapOrderApi();

app.Run();

public partial class Program;
