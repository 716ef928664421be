using System.Net.Http.Json;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// config.json, beside index.html: the issuer that signs shoppers in, this app's client there, and the payment
/// provider the browser gives the card to. The CDK stack writes it at deploy; locally the gateway serves one that
/// names LocalCloud's issuer and provider.
/// </summary>
public sealed record ShopSettings(string Authority, string ClientId, string Scope, PaymentProviderSettings? PaymentProvider = null)
{
    public static async Task<ShopSettings> LoadAsync(Uri origin)
    {
        using var http = new HttpClient { BaseAddress = origin };
        return await http.GetFromJsonAsync("config.json", StorefrontJson.Default.ShopSettings)
            ?? throw new InvalidOperationException("config.json is empty: it must name the authority, clientId and scope.");
    }
}

/// <summary>
/// Where the browser makes a payment method: the publishable key (<c>pk_…</c>), which may only make payment methods,
/// and either Stripe.js's Payment Element (<paramref name="StripeJs"/>, in AWS) or the provider's API base for the
/// shop's own card fields (<paramref name="BaseUrl"/>; a path is taken from the app's own origin; locally LocalCloud).
/// </summary>
public sealed record PaymentProviderSettings(string? BaseUrl, string? PublishableKey, bool StripeJs = false);
