using System.Net.Http.Json;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// config.json, beside index.html: the issuer that signs shoppers in, and this app's client there. The CDK stack
/// writes it at deploy; locally the gateway serves one that names LocalCloud's issuer.
/// </summary>
public sealed record ShopSettings(string Authority, string ClientId, string Scope)
{
    public static async Task<ShopSettings> LoadAsync(Uri origin)
    {
        using var http = new HttpClient { BaseAddress = origin };
        return await http.GetFromJsonAsync("config.json", StorefrontJson.Default.ShopSettings)
            ?? throw new InvalidOperationException("config.json is empty: it must name the authority, clientId and scope.");
    }
}
