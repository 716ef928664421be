using System.Net.Http.Headers;
using Ecommerce.Shared.Resources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ecommerce.TestSupport;

/// <summary>
/// A service under test on Kestrel (a free loopback port, so requests take the production path: body
/// limits, header parsing), with its AWS clients pointed at the edge, its tokens from the edge's
/// Cognito-shaped issuer, and its resources created under names of its own, so test classes never see
/// each other's data. <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> signs in as an
/// admin, who may do anything; <see cref="CreateClient(string?)"/> as anyone else.
/// Every log line the service writes is kept in <see cref="Logs"/>.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>
    where TProgram : class
{
    private readonly LocalEdge _edge;

    public ServiceFactory(LocalEdge edge)
    {
        _edge = edge;
        Tokens = TestTokens.For(edge);
        // Kestrel, on the free port its URL below asks for. Not UseKestrel(0): that sets the port on the built
        // host, racing the service's own app.Run(), which may have started the server already.
        UseKestrel();
    }

    public TestTokens Tokens { get; }

    /// <summary>Appended to every resource name: unique to this factory, unless services under test must share resources.</summary>
    public string Suffix { get; init; } = "-" + Guid.NewGuid().ToString("N")[..8];

    public CapturedLogs Logs { get; } = new();

    /// <summary>Extra settings for this factory, applied after the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseUrls("http://127.0.0.1:0");
        builder.UseSetting("AWS_ENDPOINT_URL", _edge.EndpointUrl);
        builder.UseSetting("Auth:Issuer", _edge.IssuerUrl);
        builder.UseSetting("Auth:ClientIds", Ecommerce.LocalCloud.Auth.AuthOptions.DefaultClientId);
        builder.UseSetting("Aws:CreateResources", "true");
        // Product's stream publisher runs only where a test asks for it (Settings); a poller per test would be noise.
        builder.UseSetting("Product:Publisher:Mode", "Off");
        foreach (var resource in ResourceDefinitions.All)
        {
            builder.UseSetting(resource.ConfigurationKey, resource.DefaultName + Suffix);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Logs)));
    }

    /// <summary>A client that sends <paramref name="accessToken"/> as its bearer, or nothing when it is null.</summary>
    public HttpClient CreateClient(string? accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = accessToken is null ? null : new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Admin());
    }
}
