using System.Diagnostics;
using System.Globalization;
using System.Net;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.Images.Tests;

/// <summary>
/// A published binary running as the image runs it (Production, Kestrel, no OpenTelemetry), on a free
/// loopback port, with its AWS clients pointed at the edge and its resources under names of its own.
/// </summary>
internal sealed class RunningBinary : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RunningBinary(ChildProcess process, HttpClient client, TimeSpan startup) =>
        (_process, Client, Startup) = (process, client, startup);

    public HttpClient Client { get; }

    /// <summary>From starting the process to the first 200 from <c>/health</c>.</summary>
    public TimeSpan Startup { get; }

    public string Output => _process.Output;

    /// <param name="suffix">Appended to every resource name; services that must meet (Basket's bus, Ordering's rule) share one.</param>
    public static async Task<RunningBinary> StartAsync(
        string service, LocalEdge edge, string suffix, IDictionary<string, string>? settings = null)
    {
        var executable = await PublishedBinary.EnsureAsync(service);
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            ["AWS_ENDPOINT_URL"] = edge.EndpointUrl,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["Aws__CreateResources"] = "true",
            ["Auth__Issuer"] = edge.IssuerUrl,
            ["Auth__ClientIds"] = Ecommerce.LocalCloud.Auth.AuthOptions.DefaultClientId,
            ["Paging__TokenKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            // Product's stream publisher only where a test starts the catalogue flow.
            ["Product__Publisher__Mode"] = "Off",
            ["Product__Publisher__IdlePollMilliseconds"] = "50",
        };
        foreach (var resource in ResourceDefinitions.All)
        {
            environment[resource.EnvironmentVariable] = resource.DefaultName + suffix;
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var started = Stopwatch.StartNew();
        var process = ChildProcess.Start(executable, [], Path.GetDirectoryName(executable)!, environment);
        // Signed in as an admin, who may call every route; tests that need anyone else set their own header.
        var client = new HttpClient { BaseAddress = new Uri(environment["ASPNETCORE_URLS"]), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(edge).Admin());
        try
        {
            await WaitUntilHealthyAsync(process, client, TimeSpan.FromSeconds(60));
            return new RunningBinary(process, client, started.Elapsed);
        }
        catch
        {
            client.Dispose();
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }

    private static Task<HttpStatusCode?> WaitUntilHealthyAsync(ChildProcess process, HttpClient client, TimeSpan timeout) =>
        Eventually.HoldsAsync(
            async () =>
            {
                process.ThrowIfExited("/health answered");
                try
                {
                    using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                    return response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    return (HttpStatusCode?)null; // not listening yet
                }
            },
            status => status == HttpStatusCode.OK,
            timeout,
            "/health answers 200");
}
