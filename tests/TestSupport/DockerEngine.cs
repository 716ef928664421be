using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace Ecommerce.TestSupport;

/// <summary>Whether a Docker engine answers, as Testcontainers finds one: asked once per test process.</summary>
public sealed record DockerEngine(string Endpoint, bool Answers)
{
    // Testcontainers pings every endpoint it knows (DOCKER_HOST, ~/.testcontainers.properties, the usual
    // sockets); a missing socket fails at once, but a TCP host that never answers must not stall every test run.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    private static readonly Lazy<DockerEngine> Found = new(Find);

    /// <summary>The engine of this test process, looked for on first use.</summary>
    public static DockerEngine Current => Found.Value;

    public override string ToString() => Answers
        ? $"a Docker engine answered at {Endpoint}"
        : $"no Docker engine answered at {Endpoint}";

    private static DockerEngine Find()
    {
        var discovery = Task.Run(() => TestcontainersSettings.OS.DockerEndpointAuthConfig);
        try
        {
            if (discovery.Wait(Patience) && discovery.Result is { } found)
            {
                return new DockerEngine(found.Endpoint.ToString(), Answers: true);
            }
        }
        catch (AggregateException)
        {
            // Testcontainers could not even read its settings: no engine to use either way.
        }

        return new DockerEngine(DefaultEndpoint(), Answers: false);
    }

    /// <summary>Where the docker CLI would look (DOCKER_HOST, the current context, the platform's socket): the place to name.</summary>
    private static string DefaultEndpoint()
    {
        using var client = new DockerClientBuilder().Build();
        return client.Options.Endpoint.ToString();
    }
}
