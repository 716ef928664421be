using Ecommerce.Baskets;
using Ecommerce.Baskets.Catalogue;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults("Basket API", routePrefix: "basket");
builder.AddOwnedTable(ResourceDefinitions.BasketTable);
builder.AddOwnedTable(ResourceDefinitions.CheckoutIdempotencyTable);
builder.AddEventBus();
builder.Services.AddValidation();
builder.AddCatalogueView();
builder.Services.AddSingleton<BasketRepository>();
builder.Services.AddSingleton<CheckoutRecords>();
builder.Services.AddSingleton<BasketCheckout>();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, BasketJsonContext.Default));

var app = builder.Build();

app.MapServiceDefaults();
app.MapBasketApi();
app.MapCatalogueConsumer();

app.Run();

public partial class Program;
