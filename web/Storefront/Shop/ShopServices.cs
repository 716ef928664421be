using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.JSInterop;

namespace Ecommerce.Storefront.Shop;

public static class ShopServices
{
    /// <summary>Sign-in: OpenID Connect's authorization code flow with PKCE against the issuer config.json names.</summary>
    public static IServiceCollection AddShopSignIn(this IServiceCollection services, ShopSettings settings)
    {
        services.AddSingleton(settings);
        services.AddScoped<AuthenticationStateProvider, CognitoAuthentication>(); // before AddOidcAuthentication, which only adds its own if none is there
        services.AddOidcAuthentication(options =>
        {
            options.ProviderOptions.Authority = settings.Authority;
            options.ProviderOptions.ClientId = settings.ClientId;
            options.ProviderOptions.ResponseType = "code";
            options.ProviderOptions.DefaultScopes.Clear();
            foreach (var scope in settings.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                options.ProviderOptions.DefaultScopes.Add(scope);
            }

            // Cognito names the user and the user's groups in claims of its own.
            options.UserOptions.NameClaim = CognitoUser.NameClaim;
            options.UserOptions.RoleClaim = CognitoUser.GroupsClaim;
        }).AddAccountClaimsPrincipalFactory<CognitoUser>();
        return services;
    }

    /// <summary>An add to the basket that waits while the shopper signs in.</summary>
    public static IServiceCollection AddPendingAdd(this IServiceCollection services) => services.AddScoped<PendingAdd>();

    /// <summary>The shop's API on the app's own origin, with the shopper's token where one is needed.</summary>
    public static IServiceCollection AddShopApi(this IServiceCollection services, Uri origin) => services.AddScoped(provider =>
    {
        var bearer = new ShopApiBearer(provider.GetRequiredService<IAccessTokenProvider>(), origin) { InnerHandler = new HttpClientHandler() };
        return new ShopApi(new HttpClient(bearer) { BaseAddress = origin });
    });

    /// <summary>The payment provider config.json names, which the card goes to instead of the shop's API.</summary>
    public static IServiceCollection AddShopPayments(this IServiceCollection services, ShopSettings settings, Uri origin) =>
        settings.PaymentProvider is { StripeJs: true } stripe
            ? services.AddScoped<IPaymentMethods>(provider => new StripeJsPaymentMethods(provider.GetRequiredService<IJSRuntime>(), stripe))
            : services.AddScoped<IPaymentMethods>(_ => new ProviderPaymentMethods(new HttpClient { BaseAddress = origin }, settings.PaymentProvider));
}
