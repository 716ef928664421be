using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecommerce.TestSupport;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>The issuer's metadata, where Cognito keeps it: under <c>{issuer}/.well-known/</c>.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class UserPoolDiscoveryTests(LocalEdge edge)
{
    [FaultInjectionFact]
    public async Task The_discovery_document_names_the_issuer_and_the_managed_login_endpoints()
    {
        using var http = new HttpClient();

        var discovery = (await http.GetFromJsonAsync<JsonObject>(edge.IssuerUrl + "/.well-known/openid-configuration"))!;

        Assert.Equal(edge.EndpointUrl + "/us-east-1_LocalPool", (string?)discovery["issuer"]);
        Assert.Equal(edge.EndpointUrl + "/oauth2/authorize", (string?)discovery["authorization_endpoint"]);
        Assert.Equal(edge.EndpointUrl + "/oauth2/token", (string?)discovery["token_endpoint"]);
        Assert.Equal(edge.EndpointUrl + "/oauth2/userInfo", (string?)discovery["userinfo_endpoint"]);
        Assert.Equal(edge.EndpointUrl + "/logout", (string?)discovery["end_session_endpoint"]);
        Assert.Equal(edge.IssuerUrl + "/.well-known/jwks.json", (string?)discovery["jwks_uri"]);
        Assert.Equal(["code"], Strings(discovery["response_types_supported"]));
        Assert.Equal(["RS256"], Strings(discovery["id_token_signing_alg_values_supported"]));
        Assert.Equal(["S256"], Strings(discovery["code_challenge_methods_supported"]));
        Assert.Equal(["public"], Strings(discovery["subject_types_supported"]));
        Assert.Contains("openid", Strings(discovery["scopes_supported"]));
    }

    [FaultInjectionFact]
    public async Task The_jwks_holds_two_RS256_keys_one_for_access_tokens_one_for_id_tokens()
    {
        using var http = new HttpClient();

        var keys = (await http.GetFromJsonAsync<JsonObject>(edge.IssuerUrl + "/.well-known/jwks.json"))!["keys"]!.AsArray();

        Assert.Equal(2, keys.Count);
        Assert.All(keys, key =>
        {
            Assert.Equal("RSA", (string?)key!["kty"]);
            Assert.Equal("RS256", (string?)key["alg"]);
            Assert.Equal("sig", (string?)key["use"]);
            Assert.Equal("AQAB", (string?)key["e"]);
            Assert.Equal(342, ((string?)key["n"])!.Length); // a 2048-bit modulus, base64url
            Assert.Null(key["d"]); // never the private half
        });
        Assert.NotEqual((string?)keys[0]!["kid"], (string?)keys[1]!["kid"]);
    }

    [FaultInjectionFact]
    public async Task The_metadata_resolves_as_a_bearer_handler_reads_it_from_the_authority()
    {
        var retriever = new HttpDocumentRetriever { RequireHttps = false };

        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(
            edge.IssuerUrl + "/.well-known/openid-configuration", retriever, CancellationToken.None);

        Assert.Equal(edge.IssuerUrl, configuration.Issuer);
        Assert.Equal(2, configuration.SigningKeys.Count);
    }

    [FaultInjectionFact]
    public async Task A_page_on_localhost_may_read_the_metadata_and_a_foreign_origin_may_not()
    {
        using var http = new HttpClient();

        var local = await GetWithOriginAsync(http, "http://localhost:5173");
        var foreign = await GetWithOriginAsync(http, "https://elsewhere.example");

        Assert.Equal("http://localhost:5173", local);
        Assert.Null(foreign);
    }

    private async Task<string?> GetWithOriginAsync(HttpClient http, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, edge.IssuerUrl + "/.well-known/jwks.json");
        request.Headers.Add("Origin", origin);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(item => (string)item!)];
}
