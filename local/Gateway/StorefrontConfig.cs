using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Storefront.Shop;

namespace Ecommerce.Gateway;

/// <summary>
/// <c>GET /config.json</c>: the storefront's settings, the file the CDK stack writes beside the app in AWS. Locally
/// it names LocalCloud's Cognito-shaped issuer and its Stripe-shaped provider (section <c>Storefront</c> of the configuration).
/// </summary>
public static class StorefrontConfig
{
    public static void MapStorefrontConfig(this IEndpointRouteBuilder app)
    {
        var section = app.ServiceProvider.GetRequiredService<IConfiguration>().GetSection("Storefront");
        var provider = section.GetSection("PaymentProvider");
        var settings = new ShopSettings(
            Required(section, "Authority"),
            Required(section, "ClientId"),
            section["Scope"] ?? "openid email profile",
            new PaymentProviderSettings(Required(provider, "BaseUrl"), Required(provider, "PublishableKey")));
        app.MapGet("/config.json", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache"; // a new deploy's settings are seen at the next visit
            return TypedResults.Json(settings, GatewayJson.Default.ShopSettings);
        });
    }

    private static string Required(IConfigurationSection section, string key) =>
        section[key] ?? throw new InvalidOperationException($"{section.Path}:{key} is not configured.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ShopSettings))]
internal sealed partial class GatewayJson : JsonSerializerContext;
