using System.Net;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary><c>/oauth2/token</c> beyond the first code: refreshing, and OAuth 2.0's errors.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class TokenEndpointTests(LocalEdge edge)
{
    [FaultInjectionFact]
    public async Task A_refresh_token_gets_new_access_and_id_tokens_for_the_same_sign_in()
    {
        using var flow = new CodeFlow(edge);
        var first = await flow.RedeemAsync(await flow.SignInAsync("ada"));

        var refreshed = await flow.TokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = CodeFlow.ClientId,
            ["refresh_token"] = first.Get("refresh_token"),
        });

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Null(refreshed.Body["refresh_token"]); // as Cognito, a refresh keeps the refresh token it was given
        var before = Jwt.Payload(first.Get("access_token"));
        var after = Jwt.Payload(refreshed.Get("access_token"));
        Assert.Equal((string?)before["username"], (string?)after["username"]);
        Assert.Equal((string?)before["origin_jti"], (string?)after["origin_jti"]);
        Assert.Equal((long)before["auth_time"]!, (long)after["auth_time"]!);
        Assert.NotEqual((string?)before["jti"], (string?)after["jti"]);
        Assert.Equal("id", (string?)Jwt.Payload(refreshed.Get("id_token"))["token_use"]);
    }

    [FaultInjectionFact]
    public async Task An_unknown_refresh_token_gets_invalid_grant()
    {
        using var flow = new CodeFlow(edge);

        var answer = await flow.TokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = CodeFlow.ClientId,
            ["refresh_token"] = "not-a-refresh-token",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_grant", answer.Get("error"));
    }

    [FaultInjectionFact]
    public async Task An_unknown_grant_type_client_or_missing_parameter_gets_its_oauth_error()
    {
        using var flow = new CodeFlow(edge);

        var grantType = await flow.TokenAsync(new() { ["grant_type"] = "password", ["client_id"] = CodeFlow.ClientId });
        var client = await flow.TokenAsync(new() { ["grant_type"] = "authorization_code", ["client_id"] = "no-such-client" });
        var missing = await flow.TokenAsync(new() { ["grant_type"] = "authorization_code", ["client_id"] = CodeFlow.ClientId, ["code"] = "x" });

        Assert.Equal("unsupported_grant_type", grantType.Get("error"));
        Assert.Equal("invalid_client", client.Get("error"));
        Assert.Equal("invalid_request", missing.Get("error"));
        Assert.All([grantType, client, missing], answer => Assert.Equal(HttpStatusCode.BadRequest, answer.Status));
    }

    [FaultInjectionFact]
    public async Task A_page_on_localhost_may_call_the_token_endpoint_and_a_foreign_origin_may_not()
    {
        using var flow = new CodeFlow(edge);
        Dictionary<string, string> form = new() { ["grant_type"] = "refresh_token", ["client_id"] = CodeFlow.ClientId, ["refresh_token"] = "x" };

        var local = await flow.TokenAsync(form, origin: "http://127.0.0.1:5173");
        var foreign = await flow.TokenAsync(form, origin: "https://attacker.example");

        Assert.Equal("http://127.0.0.1:5173", local.Headers["Access-Control-Allow-Origin"]);
        Assert.False(foreign.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    [FaultInjectionFact]
    public async Task A_local_page_may_send_the_token_request_Swagger_UI_sends_with_X_Requested_With()
    {
        using var http = new HttpClient { BaseAddress = new Uri(edge.EndpointUrl) };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/oauth2/token");
        preflight.Headers.Add("Origin", "http://localhost:8000");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-requested-with");

        using var response = await http.SendAsync(preflight);

        Assert.Equal("http://localhost:8000", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("x-requested-with", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }
}
