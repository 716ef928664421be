using Xunit;

namespace Ecommerce.TestSupport;

/// <summary>
/// The AWS endpoint the tests talk to. With <c>AWS_ENDPOINT_URL</c> in the environment (LocalStack,
/// or a stack started by hand) it starts nothing and uses that; otherwise it uses this test
/// process's DynamoDB Local (<see cref="LocalDynamoDb"/>).
/// Share one per test assembly through an xunit collection fixture.
/// </summary>
public class LocalAws : IAsyncLifetime
{
    /// <summary>The URL every AWS client of the system under test points at.</summary>
    public string EndpointUrl { get; protected set; } = "";

    /// <summary>True when the endpoint came from the environment rather than from this fixture.</summary>
    public bool IsExternal { get; protected set; }

    public virtual async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        if (!string.IsNullOrWhiteSpace(external))
        {
            (EndpointUrl, IsExternal) = (external, true);
            return;
        }

        EndpointUrl = await LocalDynamoDb.UrlAsync();
    }

    /// <summary>Nothing to stop here: DynamoDB Local lives as long as the test process.</summary>
    public virtual Task DisposeAsync() => Task.CompletedTask;
}
