using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// For a visitor it holds no tokens for, oidc-client first tries a silent sign-in in a hidden frame. Cognito's
/// sign-in pages (and LocalCloud's) refuse to be framed, so that try can only time out - after 10 s, while the
/// page waits to learn who is there. Here a tab that holds no tokens is anonymous at once; a signed-in tab goes
/// the usual way, which renews its tokens with the refresh token.
/// </summary>
public sealed class CognitoAuthentication(
    IJSRuntime js,
    IOptionsSnapshot<RemoteAuthenticationOptions<OidcProviderOptions>> options,
    NavigationManager navigation,
    AccountClaimsPrincipalFactory<RemoteUserAccount> accountClaimsPrincipalFactory,
    ILogger<RemoteAuthenticationService<RemoteAuthenticationState, RemoteUserAccount, OidcProviderOptions>> logger)
    : RemoteAuthenticationService<RemoteAuthenticationState, RemoteUserAccount, OidcProviderOptions>(js, options, navigation, accountClaimsPrincipalFactory, logger)
{
    protected override async ValueTask<ClaimsPrincipal> GetAuthenticatedUser() =>
        await HoldsTokensAsync() ? await base.GetAuthenticatedUser() : new ClaimsPrincipal(new ClaimsIdentity());

    public override async ValueTask<AccessTokenResult> RequestAccessToken() =>
        await HoldsTokensAsync() ? await base.RequestAccessToken() : NoToken();

    public override async ValueTask<AccessTokenResult> RequestAccessToken(AccessTokenRequestOptions options) =>
        await HoldsTokensAsync() ? await base.RequestAccessToken(options) : NoToken();

    // oidc-client keeps the signed-in user in the tab's session storage, under the authority and the client id.
    private async ValueTask<bool> HoldsTokensAsync() =>
        await JsRuntime.InvokeAsync<string?>("sessionStorage.getItem", $"oidc.user:{Options.ProviderOptions.Authority}:{Options.ProviderOptions.ClientId}") is not null;

    private AccessTokenResult NoToken() => new(
        AccessTokenResultStatus.RequiresRedirect,
        null!,
        Options.AuthenticationPaths.LogInPath,
        new InteractiveRequestOptions { Interaction = InteractionType.GetToken, ReturnUrl = Navigation.Uri });
}
