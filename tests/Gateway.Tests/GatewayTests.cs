using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ecommerce.Gateway.Tests;

public sealed class GatewayTests(Upstreams upstreams) : IClassFixture<Upstreams>, IDisposable
{
    private readonly WebApplicationFactory<Program> _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
    {
        for (var i = 0; i < Upstreams.Services.Length; i++)
        {
            host.UseSetting($"services:{Upstreams.Services[i]}:http:0", upstreams.Urls[i]);
        }

        host.UseSetting("Storefront:Authority", "http://localhost:4566/us-east-1_TestPool");
        host.UseSetting("Storefront:ClientId", "test-client");
    });

    [Theory]
    [InlineData("GET", "/product", "product GET /product")]
    [InlineData("GET", "/product/42?x=1", "product GET /product/42?x=1")]
    [InlineData("PUT", "/product/42", "product PUT /product/42")]
    [InlineData("POST", "/basket", "basket POST /basket")]
    [InlineData("POST", "/basket/checkout", "basket POST /basket/checkout")]
    [InlineData("GET", "/order/ada?nextToken=t", "ordering GET /order/ada?nextToken=t")]
    public async Task Each_api_path_reaches_its_service_with_its_query_and_bearer_token(string method, string path, string reached)
    {
        using var client = _gateway.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{reached} Bearer t", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/product/42")]
    [InlineData("/basket/swagger/v1/swagger.json")]
    public async Task A_service_sees_the_shops_host_so_its_swagger_document_names_the_shop_as_the_server(string path)
    {
        using var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Host = "shop.example:8000";

        using var response = await client.GetAsync(path);

        Assert.Equal("shop.example:8000", Assert.Single(response.Headers.GetValues(Upstreams.HostHeader)));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/my/basket")]
    [InlineData("/catalogue/42/edit")]
    [InlineData("/products")] // begins like /product, yet is the storefront's
    public async Task The_storefronts_own_routes_are_answered_with_its_index_html(string path)
    {
        using var client = _gateway.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"app\">", html, StringComparison.Ordinal);
        Assert.Contains("_framework/blazor.webassembly", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_404_and_not_the_index_page()
    {
        using var client = _gateway.CreateClient();

        using var response = await client.GetAsync("/_framework/missing.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Config_json_names_the_issuer_and_the_client_and_is_never_served_stale()
    {
        using var client = _gateway.CreateClient();

        using var response = await client.GetAsync("/config.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
        using var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("http://localhost:4566/us-east-1_TestPool", config.RootElement.GetProperty("authority").GetString());
        Assert.Equal("test-client", config.RootElement.GetProperty("clientId").GetString());
        Assert.Equal("openid email profile", config.RootElement.GetProperty("scope").GetString());
    }

    public void Dispose() => _gateway.Dispose();
}
