using Ecommerce.Payments;
using Ecommerce.Payments.Events;
using Ecommerce.Payments.Provider;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults("Payment API", routePrefix: "payment");
builder.AddOwnedTable(ResourceDefinitions.PaymentTable);
builder.Services.AddSingleton<PaymentRecords>();
// The secret key is read before the consumer starts: registered first, it is loaded first.
builder.AddStripe();
builder.AddEventBus();
builder.AddEventQueueConsumer<OrderConsumer, OrderEvent>();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, PaymentJsonContext.Default));

var app = builder.Build();

app.MapServiceDefaults();
app.MapPaymentApi();

app.Run();

public partial class Program;
