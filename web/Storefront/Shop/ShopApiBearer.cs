using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// Adds the signed-in shopper's access token to calls on the app's own origin, and to no other. Reading the
/// catalogue needs no token, so those calls never wait for the sign-in state.
/// </summary>
public sealed class ShopApiBearer(IAccessTokenProvider tokens, Uri origin) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (NeedsToken(request) && (await tokens.RequestAccessToken()).TryGetToken(out var token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private bool NeedsToken(HttpRequestMessage request) =>
        request.RequestUri is { } uri
        && origin.IsBaseOf(uri)
        && !(request.Method == HttpMethod.Get && uri.AbsolutePath.StartsWith("/product", StringComparison.Ordinal));
}
