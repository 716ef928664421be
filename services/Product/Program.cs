using Ecommerce.Products;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults("Product API", routePrefix: "product");
builder.AddOwnedTable(ResourceCatalog.ProductTable, names => names.ProductTable);
builder.Services.AddValidation();
builder.Services.AddSingleton<ProductRepository>();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, ProductJsonContext.Default));

var app = builder.Build();

app.MapServiceDefaults();
app.MapProductApi();

app.Run();

public partial class Program;
