using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

namespace Ecommerce.Storefront.Shop;

/// <summary>Where signing in and out starts, and who may change the catalogue.</summary>
public static class ShopSignIn
{
    /// <summary>The Cognito group whose members may change the catalogue.</summary>
    public const string AdminRole = "admin";

    public const string LogInPath = "authentication/login";
    public const string LogOutPath = "authentication/logout";

    /// <summary>Sends the browser to the issuer's sign-in page; it comes back to <paramref name="returnUrl"/>.</summary>
    public static void SignIn(this NavigationManager navigation, string? returnUrl = null) =>
        navigation.NavigateToLogin(LogInPath, new InteractiveRequestOptions
        {
            Interaction = InteractionType.SignIn,
            ReturnUrl = returnUrl ?? navigation.Uri,
        });

    /// <summary>
    /// Signs out here and at the issuer. Cognito's /logout wants <c>client_id</c> and <c>logout_uri</c> rather than
    /// OpenID's <c>post_logout_redirect_uri</c>, so they ride along; it then sends the browser back to the shop.
    /// </summary>
    public static void SignOut(this NavigationManager navigation, ShopSettings settings)
    {
        var request = new InteractiveRequestOptions { Interaction = InteractionType.SignOut, ReturnUrl = navigation.BaseUri };
        var cognitoParameters = new Dictionary<string, string> { ["client_id"] = settings.ClientId, ["logout_uri"] = navigation.BaseUri };
        request.TryAddAdditionalParameter("extraQueryParams", JsonSerializer.SerializeToElement(cognitoParameters, StorefrontJson.Default.DictionaryStringString));
        navigation.NavigateToLogin(LogOutPath, request);
    }
}
