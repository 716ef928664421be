using Ecommerce.Storefront;
using Ecommerce.Storefront.Shop;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// One origin: index.html, config.json and the API all come from where the app was loaded.
var origin = new Uri(builder.HostEnvironment.BaseAddress);
var settings = await ShopSettings.LoadAsync(origin);

builder.Services.AddShopSignIn(settings);
builder.Services.AddShopApi(origin);
builder.Services.AddShopPayments(settings, origin);
builder.Services.AddPendingAdd();

await builder.Build().RunAsync();
