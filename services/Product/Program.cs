using Ecommerce.Products;
using Ecommerce.Products.Events;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;

var builder = WebApplication.CreateSlimBuilder(args);

// The catalogue is read without a token: the issuer's keys wait for the first signed request (an admin's).
builder.AddServiceDefaults("Product API", routePrefix: "product", keysAtStart: false);
builder.AddOwnedTable(ResourceDefinitions.ProductTable);
builder.Services.AddValidation();
builder.Services.AddSingleton<ProductRepository>();
builder.Services.AddSingleton<RepublishJobs>();
builder.Services.AddSingleton(new RepublishSettings(
    int.TryParse(builder.Configuration[RepublishSettings.Key], out var pageSize) && pageSize > 0 ? pageSize : RepublishSettings.DefaultPageSize));
builder.AddEventBus();
builder.AddStreamConsumer<ProductChangePublisher>();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, ProductJsonContext.Default));

var app = builder.Build();

app.MapServiceDefaults();
app.MapProductApi();

app.Run();

public partial class Program;
