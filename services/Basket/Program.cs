using Ecommerce.Baskets;
using Ecommerce.Baskets.Catalogue;
using Ecommerce.Baskets.Events;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults("Basket API", routePrefix: "basket");
builder.Services.HideRefusedFieldsFromOpenApi();
builder.AddOwnedTable(ResourceDefinitions.BasketTable);
builder.AddOwnedTable(ResourceDefinitions.CheckoutIdempotencyTable);
builder.AddEventBus();
builder.Services.AddValidation();
builder.AddOwnedTable(ResourceDefinitions.BasketCatalogueTable);
builder.Services.AddSingleton<CatalogueView>();
builder.Services.AddSingleton<BasketPricing>();
builder.AddEventQueueConsumer<CatalogueConsumer, ProductChangedEvent>();
builder.Services.AddSingleton<BasketRepository>();
builder.Services.AddSingleton<CheckoutRecords>();
builder.Services.AddSingleton<BasketCheckout>();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, BasketJsonContext.Default));

var app = builder.Build();

app.MapServiceDefaults();
app.MapBasketApi();

app.Run();

public partial class Program;
