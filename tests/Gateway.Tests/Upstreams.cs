using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.Gateway.Tests;

/// <summary>
/// Three stand-ins for the services, each on a loopback port of its own, that answer every request with who
/// they are and what reached them: "product GET /product/42?x=1 Bearer t".
/// </summary>
public sealed class Upstreams : IAsyncLifetime
{
    public static readonly string[] Services = ["product", "basket", "ordering"];

    /// <summary>The response header in which a stand-in says which Host header reached it.</summary>
    public const string HostHeader = "X-Upstream-Saw-Host";

    private readonly WebApplication _app;

    public Upstreams()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel =>
        {
            foreach (var _ in Services)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        _app = builder.Build();
        _app.Run(async context =>
        {
            var service = Services[Urls.IndexOf($"http://127.0.0.1:{context.Connection.LocalPort}")];
            var request = context.Request;
            context.Response.Headers[HostHeader] = request.Host.Value;
            await context.Response.WriteAsync($"{service} {request.Method} {request.Path}{request.QueryString} {request.Headers.Authorization}");
        });
    }

    /// <summary>The URL of each service, in the order of <see cref="Services"/>.</summary>
    public List<string> Urls { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _app.StartAsync();
        Urls = [.. _app.Urls];
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
