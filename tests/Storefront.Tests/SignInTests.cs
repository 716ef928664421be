using System.Net;
using System.Text.Json;
using Ecommerce.Storefront.Shop;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication.Internal;

namespace Ecommerce.Storefront.Tests;

public sealed class SignInTests
{
    [Theory]
    [InlineData("POST", "http://shop.test/basket", true)]
    [InlineData("GET", "http://shop.test/order/ada", true)]
    [InlineData("PUT", "http://shop.test/product/p1", true)]
    [InlineData("GET", "http://shop.test/product?limit=12", false)] // the catalogue is public: no token, no wait
    [InlineData("GET", "http://shop.test/product/p1", false)]
    [InlineData("POST", "http://elsewhere.test/basket", false)] // never to another origin
    public async Task The_access_token_goes_only_to_the_shops_own_api_and_not_with_catalogue_reads(string method, string url, bool withToken)
    {
        var upstream = new RecordingHandler();
        using var client = new HttpClient(new ShopApiBearer(new SignedIn("token-1"), new Uri("http://shop.test/")) { InnerHandler = upstream });

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(withToken ? "Bearer token-1" : null, upstream.Authorization);
    }

    [Fact]
    public async Task Each_cognito_group_becomes_a_role_and_the_cognito_user_name_the_name()
    {
        var account = new RemoteUserAccount { AdditionalProperties = new Dictionary<string, object>() };
        account.AdditionalProperties["cognito:username"] = JsonSerializer.SerializeToElement("grace");
        account.AdditionalProperties["cognito:groups"] = JsonDocument.Parse("""["admin","staff"]""").RootElement;
        var options = new RemoteAuthenticationUserOptions
        {
            AuthenticationType = "oidc",
            NameClaim = CognitoUser.NameClaim,
            RoleClaim = CognitoUser.GroupsClaim,
        };

        var user = await new CognitoUser(new SignedIn("unused")).CreateUserAsync(account, options);

        Assert.Equal("grace", user.Identity?.Name);
        Assert.True(user.IsInRole(ShopSignIn.AdminRole));
        Assert.True(user.IsInRole("staff"));
        Assert.False(user.IsInRole("[\"admin\",\"staff\"]"));
    }

    private sealed class SignedIn(string token) : IAccessTokenProvider, IAccessTokenProviderAccessor
    {
        public IAccessTokenProvider TokenProvider => this;

        public ValueTask<AccessTokenResult> RequestAccessToken() =>
            ValueTask.FromResult(new AccessTokenResult(AccessTokenResultStatus.Success, new AccessToken { Value = token, Expires = DateTimeOffset.MaxValue }, null, null));

        public ValueTask<AccessTokenResult> RequestAccessToken(AccessTokenRequestOptions options) => RequestAccessToken();
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
