using System.Text.Json.Serialization;
using Ecommerce.LocalCloud.Auth;
using Ecommerce.LocalCloud.EventBridge;
using Ecommerce.LocalCloud.Sqs;
using Ecommerce.LocalCloud.Ssm;
using Ecommerce.LocalCloud.Stripe;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ecommerce.LocalCloud;

/// <summary>
/// LocalCloud running in this process: what Program.cs starts, and what test fixtures start on a free
/// port without a WebApplicationFactory.
/// </summary>
public sealed class LocalCloudHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalCloudHost(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The edge URL, e.g. <c>http://127.0.0.1:4566</c>.</summary>
    public string Url { get; }

    /// <summary>The running emulator's services (the user pool's signing keys, for tests that mint tokens).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<LocalCloudHost> StartAsync(LocalCloudOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "Ecommerce.LocalCloud",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        // One line per request from ASP.NET Core would drown what LocalCloud itself says.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // Kestrel picks a free port only on an IP address, not on "localhost".
        var address = options.Port == 0 && options.ListenAddress == "localhost" ? "127.0.0.1" : options.ListenAddress;
        builder.WebHost.UseUrls($"http://{address}:{options.Port}");
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Faults>();
        builder.Services.AddSingleton<SqsQueues>();
        builder.Services.AddSingleton<MessageMoveTasks>();
        builder.Services.AddSingleton<TargetDelivery>();
        builder.Services.AddSingleton<EventBuses>();
        builder.Services.AddSingleton<SqsEndpoint>();
        builder.Services.AddSingleton<EventBridgeEndpoint>();
        builder.Services.AddSingleton<ParameterStore>();
        builder.Services.AddStripe();
        builder.Services.AddHttpClient<DynamoDbForwarder>();
        builder.Services.AddUserPool(options.Auth);

        var app = builder.Build();
        app.UseCors();
        app.MapEdge();
        app.MapAdmin();
        app.MapUserPool();
        app.MapStripe();
        await app.StartAsync(cancellationToken);

        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalCloudHost(app, url);
    }

    /// <summary>Waits until the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
