using Testcontainers.LocalStack;

namespace Ecommerce.TestSupport;

/// <summary>
/// LocalStack in a container that Testcontainers starts: one per test process, started by the first
/// fixture that asks and removed when the process ends, as <see cref="LocalDynamoDb"/> is. DynamoDB,
/// its streams, SQS and EventBridge all answer at its one URL; tests keep apart by resource names.
/// </summary>
public static class LocalStack
{
    /// <summary>The last tag that starts without a LocalStack auth token, as in docker-compose.yml.</summary>
    public const string Image = "localstack/localstack:4.14.0";

    private static readonly Lazy<Task<string>> Started = new(StartAsync);

    /// <summary>The URL of this process's LocalStack, starting it on first use.</summary>
    public static Task<string> UrlAsync() => Started.Value;

    private static async Task<string> StartAsync()
    {
        var container = new LocalStackBuilder(Image)
            // Queue URLs then carry the host and mapped port the client used, not localhost.localstack.cloud:4566.
            .WithEnvironment("SQS_ENDPOINT_STRATEGY", "path")
            .Build();
        await container.StartAsync();
        // Testcontainers' reaper (Ryuk) removes the container too, should the process die before this runs.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return container.GetConnectionString().TrimEnd('/');
    }
}
