using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary><c>/oauth2/userInfo</c> and <c>/logout</c>, the rest of Cognito's managed-login endpoints.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class UserInfoAndLogoutTests(LocalEdge edge)
{
    [FaultInjectionFact]
    public async Task UserInfo_answers_an_access_token_with_the_users_attributes()
    {
        var token = await edge.AccessTokenAsync("ada");

        using var answer = await UserInfoAsync(token);
        var user = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("ada", (string?)user["username"]);
        Assert.Equal("ada@example.com", (string?)user["email"]);
        Assert.Equal("true", (string?)user["email_verified"]);
        Assert.Equal((string?)Jwt.Payload(token)["sub"], (string?)user["sub"]);
    }

    [FaultInjectionFact]
    public async Task UserInfo_answers_no_token_or_an_id_token_with_401_and_a_bearer_challenge()
    {
        using var flow = new CodeFlow(edge);
        var idToken = (await flow.RedeemAsync(await flow.SignInAsync("ada"))).Get("id_token");

        using var none = await UserInfoAsync(null);
        using var wrongKind = await UserInfoAsync(idToken);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKind.StatusCode);
        Assert.Contains("invalid_token", wrongKind.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [FaultInjectionFact]
    public async Task Logout_sends_the_browser_to_a_local_logout_uri_and_refuses_a_foreign_one()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(edge.EndpointUrl) };

        using var local = await http.GetAsync(new Uri("/logout?client_id=ecommerce-local&logout_uri=http%3A%2F%2Flocalhost%3A5173%2F", UriKind.Relative));
        using var foreign = await http.GetAsync(new Uri("/logout?client_id=ecommerce-local&logout_uri=https%3A%2F%2Fattacker.example%2F", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, local.StatusCode);
        Assert.Equal(new Uri("http://localhost:5173/"), local.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Null(foreign.Headers.Location);
    }

    private async Task<HttpResponseMessage> UserInfoAsync(string? token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(edge.EndpointUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth2/userInfo");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
