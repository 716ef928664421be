using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Ecommerce.LocalCloud.Auth;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// The script call's access tokens: the claims of a Cognito access token, and accepted by a service's bearer check
/// exactly as Cognito's would be.
/// </summary>
[Collection(EdgeDefinition.Name)]
public sealed class AccessTokenTests(LocalEdge edge)
{
    private static readonly string[] AccessTokenClaims =
        ["sub", "iss", "version", "client_id", "origin_jti", "event_id", "token_use", "scope", "auth_time", "exp", "iat", "jti", "username"];

    [FaultInjectionFact]
    public async Task A_scripts_token_passes_a_services_bearer_check_and_names_the_user()
    {
        await using var api = await ProtectedApi.StartAsync(edge.IssuerUrl, AuthOptions.DefaultClientId);

        using var response = await api.GetMeAsync(await edge.AccessTokenAsync("ada"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Caller("ada", Admin: false), await response.Content.ReadFromJsonAsync<Caller>());
    }

    [FaultInjectionFact]
    public async Task An_admins_token_puts_the_caller_in_the_admin_role()
    {
        await using var api = await ProtectedApi.StartAsync(edge.IssuerUrl, AuthOptions.DefaultClientId);

        using var response = await api.GetMeAsync(await edge.AccessTokenAsync("grace", admin: true));

        Assert.Equal(new Caller("grace", Admin: true), await response.Content.ReadFromJsonAsync<Caller>());
    }

    [FaultInjectionFact]
    public async Task A_shoppers_token_carries_the_claims_of_a_Cognito_access_token_and_no_groups_or_audience()
    {
        var token = await edge.AccessTokenAsync("ada");

        var header = Jwt.Header(token);
        var claims = Jwt.Payload(token);

        Assert.Equal("RS256", (string?)header["alg"]);
        Assert.Equal(AccessTokenClaims.Order(), claims.Select(claim => claim.Key).Order());
        Assert.Equal(edge.IssuerUrl, (string?)claims["iss"]);
        Assert.Equal("access", (string?)claims["token_use"]);
        Assert.Equal(AuthOptions.DefaultClientId, (string?)claims["client_id"]);
        Assert.Equal("ada", (string?)claims["username"]);
        Assert.Equal("aws.cognito.signin.user.admin", (string?)claims["scope"]);
        Assert.Equal(2, (int)claims["version"]!);
        Assert.Equal(3600, (long)claims["exp"]! - (long)claims["iat"]!);
        Assert.True(Guid.TryParse((string?)claims["sub"], out _));
        Assert.True(Guid.TryParse((string?)claims["jti"], out _));
    }

    [FaultInjectionFact]
    public async Task An_admins_token_carries_cognito_groups_as_a_json_array()
    {
        var claims = Jwt.Payload(await edge.AccessTokenAsync("grace", admin: true));

        var groups = Assert.IsType<JsonArray>(claims["cognito:groups"]);
        Assert.Equal("admin", (string?)Assert.Single(groups));
    }

    [FaultInjectionFact]
    public async Task A_user_keeps_one_sub_across_tokens_and_each_token_has_its_own_jti()
    {
        var first = Jwt.Payload(await edge.AccessTokenAsync("ada"));
        var second = Jwt.Payload(await edge.AccessTokenAsync("ada"));
        var other = Jwt.Payload(await edge.AccessTokenAsync("grace"));

        Assert.Equal((string?)first["sub"], (string?)second["sub"]);
        Assert.NotEqual((string?)first["sub"], (string?)other["sub"]);
        Assert.NotEqual((string?)first["jti"], (string?)second["jti"]);
    }

    [FaultInjectionFact]
    public async Task A_token_whose_payload_was_changed_is_refused_by_a_service()
    {
        await using var api = await ProtectedApi.StartAsync(edge.IssuerUrl, AuthOptions.DefaultClientId);
        var parts = (await edge.AccessTokenAsync("ada")).Split('.');
        var payload = Jwt.Payload(string.Join('.', parts));
        payload["cognito:groups"] = new JsonArray("admin");
        var forged = string.Join('.', parts[0], Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())), parts[2]);

        using var response = await api.GetMeAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [FaultInjectionFact]
    public async Task A_service_refuses_a_token_made_for_an_app_client_it_does_not_serve()
    {
        await using var api = await ProtectedApi.StartAsync(edge.IssuerUrl, "another-app-client");

        using var response = await api.GetMeAsync(await edge.AccessTokenAsync("ada"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [FaultInjectionFact]
    public async Task The_script_call_answers_a_bad_user_name_or_an_unknown_client_with_a_problem()
    {
        using var http = new HttpClient { BaseAddress = new Uri(edge.EndpointUrl) };

        using var badName = await http.PostAsJsonAsync("/_localcloud/auth/token", new { username = "ada lovelace" });
        using var unknownClient = await http.PostAsJsonAsync("/_localcloud/auth/token", new { username = "ada", clientId = "no-such-client" });
        using var notJson = await http.PostAsync("/_localcloud/auth/token", new StringContent("ada", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal("application/problem+json", badName.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await badName.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["username"]);
        Assert.NotNull((await unknownClient.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["clientId"]);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }
}
