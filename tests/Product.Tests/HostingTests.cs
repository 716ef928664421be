using System.Net;
using System.Text.Json;
using Ecommerce.TestSupport;

namespace Ecommerce.Products.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class HostingTests(LocalEdge edge) : IDisposable
{
    private readonly ProductService _service = new(edge);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Health_answers_200_and_ready_answers_200_when_the_table_exists()
    {
        var client = _service.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_when_the_table_is_missing_while_health_stays_200()
    {
        using var service = new ProductService(edge);
        service.Settings["Aws:CreateResources"] = "false";
        var client = service.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_route_with_its_summary_and_schemas()
    {
        var client = _service.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));

        var paths = document.RootElement.GetProperty("paths");
        var operations = new[] { ("/product", "get"), ("/product", "post"), ("/product/{id}", "get"), ("/product/{id}", "put"), ("/product/{id}", "delete") };
        foreach (var (path, method) in operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            Assert.True(operation.GetProperty("responses").EnumerateObject().Any(), $"{method} {path} has no responses");
        }

        Assert.True(paths.GetProperty("/product").GetProperty("post").TryGetProperty("requestBody", out _));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("Product", out _));
        Assert.True(schemas.TryGetProperty("ProductInput", out _));
    }

    [Fact]
    public async Task Swagger_ui_is_served_at_swagger()
    {
        var response = await _service.CreateClient().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cors_answers_only_the_origins_configured()
    {
        using var service = new ProductService(edge);
        service.Settings["Cors:AllowedOrigins:0"] = "https://shop.example.com";
        var client = service.CreateClient();

        var allowed = await client.SendAsync(Preflight("https://shop.example.com"));
        var other = await client.SendAsync(Preflight("https://evil.example.net"));

        Assert.Equal("https://shop.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_configured_origins_no_cross_origin_request_is_allowed()
    {
        var response = await _service.CreateClient().SendAsync(Preflight("https://shop.example.com"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/product");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return request;
    }
}
