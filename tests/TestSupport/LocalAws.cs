using Xunit;
using Xunit.Abstractions;

namespace Ecommerce.TestSupport;

/// <summary>
/// The AWS endpoint the tests talk to, as <see cref="AwsBackend.Current"/> chose it: the endpoint
/// <c>AWS_ENDPOINT_URL</c> names; else this test process's LocalStack (<see cref="TestSupport.LocalStack"/>)
/// when a Docker engine answers; else its DynamoDB Local (<see cref="LocalDynamoDb"/>).
/// Share one per test assembly through an xunit collection fixture; xunit hands it the diagnostics
/// the choice is announced on.
/// </summary>
public class LocalAws(IMessageSink? diagnostics = null) : IAsyncLifetime
{
    /// <summary>The URL every AWS client of the system under test points at.</summary>
    public string EndpointUrl { get; private set; } = "";

    /// <summary>What stands in for AWS in this test process.</summary>
    public AwsBackend Backend { get; } = AwsBackend.Current;

    public async Task InitializeAsync()
    {
        AwsBackend.Announce(diagnostics);
        EndpointUrl = await StartAsync();
    }

    /// <summary>Nothing to stop here: DynamoDB Local and LocalStack live as long as the test process.</summary>
    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Starts what this fixture needs, or finds it started, and answers its URL.</summary>
    protected virtual async Task<string> StartAsync() => Backend.Kind switch
    {
        AwsBackendKind.LocalCloud => await LocalDynamoDb.UrlAsync(),
        AwsBackendKind.LocalStack => await LocalStack.UrlAsync(),
        _ => Backend.EndpointUrl!,
    };
}
