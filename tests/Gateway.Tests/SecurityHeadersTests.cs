using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ecommerce.Edge;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ecommerce.Gateway.Tests;

public sealed partial class SecurityHeadersTests(Upstreams upstreams) : IClassFixture<Upstreams>, IDisposable
{
    private readonly WebApplicationFactory<Program> _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
    {
        for (var i = 0; i < Upstreams.Services.Length; i++)
        {
            host.UseSetting($"services:{Upstreams.Services[i]}:http:0", upstreams.Urls[i]);
        }

        host.UseSetting("Storefront:Authority", "http://localhost:4566/us-east-1_TestPool");
    });

    [Theory]
    [InlineData("/")]
    [InlineData("/my/basket")]
    [InlineData("/index.html")]
    public async Task A_storefront_page_runs_its_own_import_map_and_blazor_and_nothing_inline_besides(string path)
    {
        using var client = _gateway.CreateClient();

        using var response = await client.GetAsync(path);

        var html = await response.Content.ReadAsStringAsync();
        var importMap = ImportMap().Match(html);
        Assert.True(importMap.Success, "The served index.html has its import map filled in.");
        var directives = Directives(response);
        var scripts = directives["script-src"];
        Assert.Contains("'wasm-unsafe-eval'", scripts);
        Assert.Contains($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups[1].Value)))}'", scripts);
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.Equal(["'self'", "'wasm-unsafe-eval'"], scripts.Where(source => !source.StartsWith("'sha256-", StringComparison.Ordinal) && !source.StartsWith("https://", StringComparison.Ordinal)));
        Assert.Equal(["https://js.stripe.com"], scripts.Where(source => source.StartsWith("https://", StringComparison.Ordinal)));
        Assert.Equal(["https://js.stripe.com", "https://hooks.stripe.com"], directives["frame-src"]);
        Assert.Equal(["'self'", "http://localhost:4566", "https://api.stripe.com"], directives["connect-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.False(directives.ContainsKey("upgrade-insecure-requests")); // plain http on loopback
        AssertTheOtherHeaders(response);
    }

    [Theory]
    [InlineData("/product/42")]
    [InlineData("/basket/swagger/index.html")]
    public async Task An_api_answer_may_not_be_framed_and_keeps_its_content_type(string path)
    {
        using var client = _gateway.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityHeaders.ApiContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        AssertTheOtherHeaders(response);
    }

    [Fact]
    public void Inline_scripts_are_hashed_as_a_browser_hashes_them_and_scripts_with_a_source_are_not()
    {
        const string html = "<head><script type=\"importmap\">{\r\n\"imports\": {}\r\n}</script>\n<SCRIPT src=\"_framework/blazor.webassembly.js\"></SCRIPT><script>run()</script ></head>";

        var hashes = SecurityHeaders.InlineScriptHashes(html);

        Assert.Equal([Sha256("{\n\"imports\": {}\n}"), Sha256("run()")], hashes);
    }

    [Fact]
    public void Over_https_every_request_is_made_over_https()
    {
        var policy = SecurityHeaders.PageContentSecurityPolicy([], ["https://issuer.example"], https: true);

        Assert.EndsWith("; upgrade-insecure-requests", policy, StringComparison.Ordinal);
    }

    private static void AssertTheOtherHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static Dictionary<string, string[]> Directives(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' '))
            .ToDictionary(parts => parts[0], parts => parts[1..]);

    private static string Sha256(string text) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";

    [GeneratedRegex("<script type=\"importmap\">(.+?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();

    public void Dispose() => _gateway.Dispose();
}
