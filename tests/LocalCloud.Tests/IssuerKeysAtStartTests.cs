using System.Net;
using Ecommerce.LocalCloud.Auth;
using Ecommerce.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// A service fetches the issuer's keys while it starts, not at its first signed request, and a failed fetch at
/// start leaves nothing behind: the first signed request fetches them again. A service read anonymously
/// (the catalogue) can leave them to its first signed request.
/// </summary>
public sealed class IssuerKeysAtStartTests
{
    private const string Pool = "us-east-1_KeysAtStart";

    /// <summary>
    /// With a healthy issuer the keys are fetched once at start, before any request, and the first signed request
    /// uses them. When the issuer fails that fetch, the first signed request fetches the keys itself and passes.
    /// </summary>
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    public async Task The_keys_are_fetched_at_start_before_any_request_and_a_failed_fetch_is_made_again_by_the_first_signed_request(
        int failuresAtStart, int requestsInAll)
    {
        await using var issuer = await KeysIssuer.StartAsync(failuresAtStart);
        await using var api = await ProtectedApi.StartAsync(issuer.Url, AuthOptions.DefaultClientId);

        await issuer.WaitForRequestsAsync(1);
        using var response = await api.GetMeAsync(issuer.Tokens.Shopper("ada"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(requestsInAll, issuer.Requests);
    }

    [Fact]
    public async Task A_service_that_is_read_anonymously_leaves_the_keys_to_its_first_signed_request()
    {
        await using var issuer = await KeysIssuer.StartAsync(failuresFirst: 0);
        await using var api = await ProtectedApi.StartAsync(issuer.Url, keysAtStart: false, AuthOptions.DefaultClientId);

        await Task.Delay(TimeSpan.FromMilliseconds(500)); // far longer than a fetch at start takes
        var beforeAnyRequest = issuer.Requests;
        using var response = await api.GetMeAsync(issuer.Tokens.Shopper("ada"));

        Assert.Equal(0, beforeAnyRequest);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, issuer.Requests);
    }

    /// <summary>An issuer that serves only its JWKS, counts the requests for it, and answers the first ones with 503.</summary>
    private sealed class KeysIssuer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly SigningKeys _keys;
        private int _requests;

        private KeysIssuer(WebApplication app, SigningKeys keys, string url)
        {
            _app = app;
            _keys = keys;
            Url = url;
            Tokens = new TestTokens(url, keys, AuthOptions.DefaultClientId);
        }

        public string Url { get; }

        public TestTokens Tokens { get; }

        public int Requests => Volatile.Read(ref _requests);

        public static async Task<KeysIssuer> StartAsync(int failuresFirst)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var keys = new SigningKeys();
            KeysIssuer? issuer = null;
            app.MapGet($"/{Pool}/.well-known/jwks.json", () =>
                Interlocked.Increment(ref issuer!._requests) <= failuresFirst
                    ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
                    : Results.Json(keys.Jwks, AuthJsonContext.Default.JwkSet));
            await app.StartAsync();
            issuer = new KeysIssuer(app, keys, $"{app.Urls.First()}/{Pool}");
            return issuer;
        }

        /// <summary>Waits until the issuer has had at least that many requests, without sending any itself.</summary>
        public Task<int> WaitForRequestsAsync(int count) => Eventually.HoldsAsync(
            () => Task.FromResult(Requests), requests => requests >= count, TimeSpan.FromSeconds(10),
            $"the service asks the issuer for its keys {count} time(s) before any request");

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _keys.Dispose();
        }
    }
}
