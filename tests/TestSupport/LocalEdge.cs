using System.Net.Http.Json;
using Ecommerce.LocalCloud;
using Ecommerce.LocalCloud.Auth;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Ecommerce.TestSupport;

/// <summary>
/// The edge, where SQS, EventBridge and DynamoDB share <see cref="LocalAws.EndpointUrl"/>. Without
/// Docker, as on a developer's machine: LocalCloud in this process on a free port of its own,
/// forwarding DynamoDB to this test process's DynamoDB Local. On LocalStack, or at the endpoint
/// <c>AWS_ENDPOINT_URL</c> names, LocalCloud runs only as the Cognito-shaped issuer, and the
/// fault-injection helpers are unavailable: guard those tests with <see cref="FaultInjectionFactAttribute"/>.
/// </summary>
public class LocalEdge(IMessageSink? diagnostics = null) : LocalAws(diagnostics)
{
    private LocalCloudHost? _cloud;

    /// <summary>True when LocalCloud is the edge, so its admin API (faults, reset) is there.</summary>
    public bool CanInjectFaults => Backend.Kind == AwsBackendKind.LocalCloud;

    /// <summary>
    /// The LocalCloud this fixture runs: the edge itself, or beside LocalStack (or an endpoint of the
    /// environment's) as the Cognito-shaped issuer alone, which LocalStack's free edition does not have.
    /// </summary>
    public LocalCloudHost Cloud => _cloud ?? throw new InvalidOperationException("The fixture has not started.");

    protected override async Task<string> StartAsync()
    {
        var isEdge = CanInjectFaults;
        var options = new LocalCloudOptions { Port = 0, DynamoDbUrl = isEdge ? await LocalDynamoDb.UrlAsync() : null, MinimumLogLevel = LogLevel.Warning };
        _cloud = await LocalCloudHost.StartAsync(options, CancellationToken.None);
        return isEdge ? _cloud.Url : await base.StartAsync();
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> calls of <paramref name="operation"/> (e.g. SendMessage, PutEvents, PutItem) fail
    /// with this error; with a <paramref name="table"/>, only the DynamoDB calls that name that table.
    /// </summary>
    public Task InjectFaultAsync(string operation, string errorCode, int statusCode = 400, int count = 1, string? table = null) =>
        PostFaultAsync(new FaultSpec(operation, errorCode, statusCode, count, Table: table));

    /// <summary>
    /// Makes the next <paramref name="count"/> PutEvents calls (with an entry of <paramref name="source"/>, if given) answer 200
    /// with every entry failed with <paramref name="errorCode"/>.
    /// </summary>
    public Task FailPutEventsEntriesAsync(string errorCode = "InternalFailure", int count = 1, string? source = null) =>
        PostFaultAsync(new FaultSpec("PutEvents", errorCode, 200, count, Mode: FaultMode.FailEntries, Source: source));

    /// <summary>Makes EventBridge's next <paramref name="count"/> deliveries to the queue <paramref name="queueName"/> fail with <paramref name="errorCode"/>.</summary>
    public Task FailDeliveriesAsync(string queueName, string errorCode, int count = 1) =>
        PostFaultAsync(new FaultSpec(FaultSpec.DeliverToTarget, errorCode, Count: count, Queue: queueName));

    /// <summary>Drops every pending fault: the outage is over.</summary>
    public async Task ClearFaultsAsync()
    {
        using var admin = Admin();
        using var response = await admin.DeleteAsync(new Uri("/_localcloud/faults", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The local user pool's issuer, what a service's JwtBearer <c>Authority</c> is set to.</summary>
    public string IssuerUrl => $"{Cloud.Url}/{AuthOptions.DefaultUserPoolId}";

    /// <summary>An access token for <paramref name="username"/> from LocalCloud's issuer, as a script gets one.</summary>
    /// <param name="mfa">Signed in with a one-time code, as the stack's pool marks such a token.</param>
    public async Task<string> AccessTokenAsync(string username, bool admin = false, bool mfa = false)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Cloud.Url) };
        using var response = await http.PostAsJsonAsync(
            new Uri("/_localcloud/auth/token", UriKind.Relative), new TokenForUser(username, admin, Mfa: mfa), AuthJsonContext.Default.TokenForUser);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync(AuthJsonContext.Default.TokenResponse);
        return token!.AccessToken;
    }

    /// <summary>Forgets every queue, bus, rule and pending fault.</summary>
    public async Task ResetAsync()
    {
        using var admin = Admin();
        using var response = await admin.PostAsync(new Uri("/_localcloud/reset", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    public override async Task DisposeAsync()
    {
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
            _cloud = null;
        }

        await base.DisposeAsync();
    }

    private async Task PostFaultAsync(FaultSpec fault)
    {
        using var admin = Admin();
        using var response = await admin.PostAsJsonAsync(new Uri("/_localcloud/faults", UriKind.Relative), fault, LocalCloudJsonContext.Default.FaultSpec);
        response.EnsureSuccessStatusCode();
    }

    private HttpClient Admin() => CanInjectFaults
        ? new HttpClient { BaseAddress = new Uri(EndpointUrl) }
        : throw new InvalidOperationException($"Fault injection needs LocalCloud; these tests run against {Backend}.");
}
