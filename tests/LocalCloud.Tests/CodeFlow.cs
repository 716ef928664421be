using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ecommerce.LocalCloud.Auth;
using Ecommerce.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// The code + PKCE flow as a browser and a single-page app go through it, one HTTP step at a time:
/// open the sign-in form, post it, follow the redirect's code to the token endpoint.
/// </summary>
public sealed partial class CodeFlow(LocalEdge edge) : IDisposable
{
    public const string ClientId = AuthOptions.DefaultClientId;

    public const string RedirectUri = "http://localhost:5173/signed-in";

    // Redirects are what the tests look at, so none is followed.
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(edge.EndpointUrl) };

    public string Verifier { get; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Challenge => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public string State { get; } = Guid.NewGuid().ToString("N");

    public string Nonce { get; } = Guid.NewGuid().ToString("N");

    /// <summary>A well-formed sign-in request; tests change or drop one parameter to see it refused.</summary>
    public Dictionary<string, string?> Request() => new()
    {
        ["response_type"] = "code",
        ["client_id"] = ClientId,
        ["redirect_uri"] = RedirectUri,
        ["state"] = State,
        ["scope"] = "openid email profile",
        ["code_challenge"] = Challenge,
        ["code_challenge_method"] = "S256",
        ["nonce"] = Nonce,
    };

    /// <summary>The well-formed request with one parameter changed, or dropped when <paramref name="value"/> is null.</summary>
    public Task<HttpResponseMessage> AuthorizeWithAsync(string parameter, string? value)
    {
        var request = Request();
        request[parameter] = value;
        return AuthorizeAsync(request);
    }

    public Task<HttpResponseMessage> AuthorizeAsync(Dictionary<string, string?> request) =>
        _http.GetAsync(new Uri(QueryHelpers.AddQueryString("/oauth2/authorize", request), UriKind.Relative));

    /// <summary>Opens the form for <paramref name="request"/>, fills it in as a person would and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string username, bool admin = false, Dictionary<string, string?>? request = null, string? redirectUri = null)
    {
        using var page = await AuthorizeAsync(request ?? Request());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        fields["username"] = username;
        if (admin)
        {
            fields["admin"] = "true";
        }

        if (redirectUri is not null)
        {
            fields["redirect_uri"] = redirectUri; // a tampered hidden field
        }

        using var form = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri("/oauth2/authorize", UriKind.Relative), form);
    }

    /// <summary>Signs in and returns the code from the redirect back to the app.</summary>
    public async Task<string> SignInAsync(string username, bool admin = false)
    {
        using var redirect = await SubmitFormAsync(username, admin);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var back = BackToApp(redirect);
        Assert.Equal(State, back["state"]);
        return back["code"]!;
    }

    /// <summary>The query of a redirect to the app's redirect URI.</summary>
    public static Dictionary<string, string?> BackToApp(HttpResponseMessage redirect)
    {
        var location = redirect.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.ToString(), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
    }

    public Task<TokenAnswer> RedeemAsync(string code, string? verifier = null, string redirectUri = RedirectUri) =>
        TokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier ?? Verifier,
        });

    public async Task<TokenAnswer> TokenAsync(Dictionary<string, string> form, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token") { Content = new FormUrlEncodedContent(form) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await _http.SendAsync(request);
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        return new TokenAnswer(response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!, headers);
    }

    public void Dispose() => _http.Dispose();

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();
}

/// <summary>The token endpoint's answer: status, JSON body and headers.</summary>
public sealed record TokenAnswer(HttpStatusCode Status, JsonObject Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Get(string field) => (string?)Body[field] ?? throw new InvalidOperationException($"No {field} in the answer: {Body}");
}

/// <summary>A JWT's two JSON halves, read as they were sent.</summary>
public static class Jwt
{
    public static JsonObject Header(string token) => Part(token, 0);

    public static JsonObject Payload(string token) => Part(token, 1);

    private static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();
}
