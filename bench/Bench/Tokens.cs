using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ecommerce.Bench;

/// <summary>
/// Access tokens from LocalCloud's Cognito-shaped issuer, as a signed-in browser holds them: a shopper's
/// (<see cref="ShopperName"/>, whose basket and orders the cold starts read) and an admin's (for seeding,
/// the loads and the pipeline, which act for many users).
/// </summary>
internal sealed record Tokens(string Issuer, string Shopper, string Admin)
{
    public const string ShopperName = "bench";
    public const string AdminName = "bench-admin";
    public const string UserPoolId = "us-east-1_LocalPool";
    public const string ClientId = "ecommerce-local";

    /// <summary>The settings that point a service's JwtBearer at this issuer.</summary>
    public IEnumerable<KeyValuePair<string, string>> ServiceSettings() =>
    [
        new("Auth__Issuer", Issuer),
        // The value binds a comma-separated setting, the :0 child a list: either shape of the option reads it.
        new("Auth__ClientIds", ClientId),
        new("Auth__ClientIds__0", ClientId),
    ];

    public static void Authorize(HttpRequestMessage request, string token) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Both tokens from <c>POST {edge}/_localcloud/auth/token</c>, or null and why not.</summary>
    public static async Task<(Tokens? Tokens, string? Reason)> FetchAsync(string edgeUrl)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var shopper = await TokenAsync(http, edgeUrl, ShopperName, admin: false);
            var admin = await TokenAsync(http, edgeUrl, AdminName, admin: true);
            var issuer = IssuerOf(shopper);
            var expected = $"{edgeUrl}/{UserPoolId}";
            if (issuer != expected)
            {
                Console.Error.WriteLine($"bench: the issuer's tokens name {issuer}, not {expected}; the services are told to trust {issuer}");
            }

            return (new Tokens(issuer, shopper, admin), null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, $"LocalCloud gave no token ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>A shopper's token for <paramref name="username"/>: a service lets a shopper act on their own basket and orders only.</summary>
    public static async Task<string> ShopperAsync(string edgeUrl, string username)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        return await TokenAsync(http, edgeUrl, username, admin: false);
    }

    private static async Task<string> TokenAsync(HttpClient http, string edgeUrl, string username, bool admin)
    {
        using var response = await http.PostAsync(
            $"{edgeUrl}/_localcloud/auth/token", Shop.Json(JsonSerializer.Serialize(new { username, admin })));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("access_token is null");
    }

    /// <summary>The <c>iss</c> claim of a JWT, read without checking the signature (the services check it).</summary>
    private static string IssuerOf(string token)
    {
        var payload = token.Split('.')[1];
        using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload)));
        return claims.RootElement.GetProperty("iss").GetString() ?? throw new InvalidOperationException("iss is null");
    }
}
