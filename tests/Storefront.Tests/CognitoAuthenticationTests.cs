using Ecommerce.Storefront.Shop;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecommerce.Storefront.Tests;

public sealed class CognitoAuthenticationTests : BunitContext
{
    private const string TokensKey = "oidc.user:http://issuer.test/pool:shop-client";

    [Fact]
    public async Task A_tab_that_holds_no_tokens_is_anonymous_at_once_without_a_silent_sign_in()
    {
        JSInterop.Mode = JSRuntimeMode.Strict; // any other call into the sign-in library fails the test
        JSInterop.Setup<string?>("sessionStorage.getItem", TokensKey).SetResult(null);
        var authentication = Create();

        var state = await authentication.GetAuthenticationStateAsync();
        var token = await authentication.RequestAccessToken();

        Assert.False(state.User.Identity?.IsAuthenticated);
        Assert.False(token.TryGetToken(out _));
        Assert.All(JSInterop.Invocations, call => Assert.Equal("sessionStorage.getItem", call.Identifier));
    }

    [Fact]
    public async Task A_tab_that_holds_tokens_asks_the_sign_in_library_for_its_user()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.Setup<string?>("sessionStorage.getItem", TokensKey).SetResult("{\"access_token\":\"...\"}");
        var authentication = Create();

        await authentication.GetAuthenticationStateAsync();

        Assert.Contains(JSInterop.Invocations, call => call.Identifier == "AuthenticationService.getUser");
    }

    private CognitoAuthentication Create()
    {
        var options = new RemoteAuthenticationOptions<OidcProviderOptions>();
        options.ProviderOptions.Authority = "http://issuer.test/pool";
        options.ProviderOptions.ClientId = "shop-client";
        return new CognitoAuthentication(
            JSInterop.JSRuntime,
            new Snapshot(options),
            Services.GetRequiredService<NavigationManager>(),
            new AccountClaimsPrincipalFactory<RemoteUserAccount>(new NoTokens()),
            NullLogger<RemoteAuthenticationService<RemoteAuthenticationState, RemoteUserAccount, OidcProviderOptions>>.Instance);
    }

    private sealed class Snapshot(RemoteAuthenticationOptions<OidcProviderOptions> options) : IOptionsSnapshot<RemoteAuthenticationOptions<OidcProviderOptions>>
    {
        public RemoteAuthenticationOptions<OidcProviderOptions> Value => options;

        public RemoteAuthenticationOptions<OidcProviderOptions> Get(string? name) => options;
    }

    private sealed class NoTokens : IAccessTokenProviderAccessor
    {
        public IAccessTokenProvider TokenProvider => throw new NotSupportedException();
    }
}
