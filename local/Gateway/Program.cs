using Ecommerce.Gateway;

// The shop at one URL, as CloudFront serves it in AWS: the storefront's static files with a fallback to
// index.html for its own routes, its config.json, and /product, /basket and /order proxied to the services, every
// answer with the shop's security headers.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddReverseProxy().LoadFromMemory(ShopRoutes.Routes, ShopRoutes.Clusters(builder.Configuration));

var app = builder.Build();

app.UseShopSecurityHeaders();
app.MapStorefrontConfig();
app.MapReverseProxy();
app.MapStorefrontFiles();

app.Run();

public partial class Program;
