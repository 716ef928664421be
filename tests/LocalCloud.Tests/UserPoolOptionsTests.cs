using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecommerce.LocalCloud.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>The <c>LocalCloud:Auth</c> settings: pool id, app clients and redirect URIs, as a host is started with them.</summary>
public class UserPoolOptionsTests
{
    [Fact]
    public async Task A_configured_pool_id_clients_and_redirect_uri_are_what_the_issuer_serves()
    {
        var options = Bind(new()
        {
            ["LocalCloud:Port"] = "0",
            ["LocalCloud:MinimumLogLevel"] = "Warning",
            ["LocalCloud:Auth:UserPoolId"] = "eu-west-1_Shop",
            ["LocalCloud:Auth:ClientIds:0"] = "web",
            ["LocalCloud:Auth:ClientIds:1"] = "cli",
            ["LocalCloud:Auth:RedirectUris:0"] = "https://shop.example/signed-in",
        });
        await using var cloud = await LocalCloudHost.StartAsync(options, CancellationToken.None);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(cloud.Url) };

        var discovery = await http.GetFromJsonAsync<JsonObject>("/eu-west-1_Shop/.well-known/openid-configuration");
        using var cliToken = await http.PostAsJsonAsync("/_localcloud/auth/token", new { username = "ada", clientId = "cli" });
        using var defaultClientGone = await http.PostAsJsonAsync("/_localcloud/auth/token", new { username = "ada", clientId = AuthOptions.DefaultClientId });
        using var form = await http.GetAsync(new Uri(
            "/oauth2/authorize?response_type=code&client_id=web&redirect_uri=https%3A%2F%2Fshop.example%2Fsigned-in&code_challenge_method=S256&code_challenge="
            + new string('A', 43), UriKind.Relative));

        Assert.Equal(cloud.Url + "/eu-west-1_Shop", (string?)discovery!["issuer"]);
        Assert.Equal(HttpStatusCode.OK, cliToken.StatusCode);
        var accessToken = (string)(await cliToken.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        Assert.Equal("cli", (string?)Jwt.Payload(accessToken)["client_id"]);
        Assert.Equal(HttpStatusCode.BadRequest, defaultClientGone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task A_public_url_is_the_issuer_and_every_endpoint_a_container_serves()
    {
        var options = new LocalCloudOptions { Port = 0, MinimumLogLevel = LogLevel.Warning, Auth = new AuthOptions { PublicUrl = "http://localcloud:4566/" } };
        await using var cloud = await LocalCloudHost.StartAsync(options, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(cloud.Url) };

        var discovery = await http.GetFromJsonAsync<JsonObject>($"/{AuthOptions.DefaultUserPoolId}/.well-known/openid-configuration");
        using var token = await http.PostAsJsonAsync("/_localcloud/auth/token", new { username = "ada" });
        var accessToken = (string)(await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;

        Assert.Equal($"http://localcloud:4566/{AuthOptions.DefaultUserPoolId}", (string?)discovery!["issuer"]);
        Assert.Equal($"http://localcloud:4566/{AuthOptions.DefaultUserPoolId}/.well-known/jwks.json", (string?)discovery["jwks_uri"]);
        Assert.Equal("http://localcloud:4566/oauth2/token", (string?)discovery["token_endpoint"]);
        Assert.Equal((string?)discovery["issuer"], (string?)Jwt.Payload(accessToken)["iss"]);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    public async Task A_service_reads_the_keys_where_it_reaches_an_issuer_that_is_named_for_the_browser(bool keysUrl, HttpStatusCode expected)
    {
        // As in docker compose: the issuer names itself by an address the service cannot reach (here a closed
        // port), and the service reads its keys where it does reach it (there the container's service name).
        const string browserUrl = "http://127.0.0.1:9";
        var options = new LocalCloudOptions { Port = 0, MinimumLogLevel = LogLevel.Warning, Auth = new AuthOptions { PublicUrl = browserUrl } };
        await using var cloud = await LocalCloudHost.StartAsync(options, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(cloud.Url) };
        using var token = await http.PostAsJsonAsync("/_localcloud/auth/token", new { username = "ada" });
        var accessToken = (string)(await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        var issuer = $"{browserUrl}/{AuthOptions.DefaultUserPoolId}";
        var keys = keysUrl ? $"{cloud.Url}/{AuthOptions.DefaultUserPoolId}/.well-known/jwks.json" : null;
        await using var api = await ProtectedApi.StartAsync(issuer, keys, keysAtStart: false, AuthOptions.DefaultClientId);

        using var me = await api.GetMeAsync(accessToken);

        Assert.Equal(issuer, (string?)Jwt.Payload(accessToken)["iss"]);
        Assert.Equal(expected, me.StatusCode);
    }

    [Fact]
    public async Task A_pool_id_that_cannot_be_a_path_segment_stops_the_host_at_start()
    {
        var options = new LocalCloudOptions { Port = 0, MinimumLogLevel = LogLevel.Warning, Auth = new AuthOptions { UserPoolId = "pool/{id}" } };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalCloudHost.StartAsync(options, CancellationToken.None));

        Assert.Contains("UserPoolId", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Binds settings the way LocalCloud's Program does.</summary>
    private static LocalCloudOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(LocalCloudOptions.Section).Get<LocalCloudOptions>()!;
}
