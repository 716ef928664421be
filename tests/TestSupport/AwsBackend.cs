using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ecommerce.TestSupport;

/// <summary>What stands in for AWS while the tests run.</summary>
public enum AwsBackendKind
{
    /// <summary>Whatever <c>AWS_ENDPOINT_URL</c> names: a stack started by hand. Nothing is started.</summary>
    Endpoint,

    /// <summary>LocalStack in a container that Testcontainers starts (<see cref="TestSupport.LocalStack"/>).</summary>
    LocalStack,

    /// <summary>LocalCloud in the test process and DynamoDB Local beside it: no Docker needed.</summary>
    LocalCloud,
}

/// <summary>
/// The stand-in for AWS, chosen once per test process: <c>AWS_ENDPOINT_URL</c> if set; else LocalStack
/// when a Docker engine answers; else LocalCloud and DynamoDB Local. Only LocalCloud injects faults
/// and issues Cognito-shaped tokens.
/// </summary>
public sealed record AwsBackend(AwsBackendKind Kind, string Reason, string? EndpointUrl = null)
{
    private static readonly Lazy<AwsBackend> Chosen =
        new(() => Choose(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), () => DockerEngine.Current));

    private static int _announced;

    /// <summary>This test process's choice.</summary>
    public static AwsBackend Current => Chosen.Value;

    /// <summary>Why a test that needs LocalCloud's admin API (faults, reset, issuer) cannot run; null when it can.</summary>
    public string? FaultInjectionSkipReason => Kind switch
    {
        AwsBackendKind.LocalCloud => null,
        AwsBackendKind.LocalStack => "Needs LocalCloud's fault injection; these tests run against LocalStack.",
        _ => "Needs LocalCloud's fault injection; AWS_ENDPOINT_URL points at another endpoint.",
    };

    /// <summary>The choice, from the endpoint in the environment and, only without one, whether a Docker engine answers.</summary>
    public static AwsBackend Choose(string? endpointUrl, Func<DockerEngine> findEngine)
    {
        if (!string.IsNullOrWhiteSpace(endpointUrl))
        {
            return new AwsBackend(AwsBackendKind.Endpoint, "AWS_ENDPOINT_URL is set", endpointUrl);
        }

        var engine = findEngine();
        return new AwsBackend(engine.Answers ? AwsBackendKind.LocalStack : AwsBackendKind.LocalCloud, engine.ToString());
    }

    /// <summary>Says once per test process what the tests run against: to xunit's diagnostics when given, else to the console.</summary>
    public static void Announce(IMessageSink? diagnostics)
    {
        if (Interlocked.Exchange(ref _announced, 1) == 1)
        {
            return;
        }

        var line = $"AWS for these tests: {Current}";
        if (diagnostics is null)
        {
            Console.WriteLine(line);
        }
        else
        {
            diagnostics.OnMessage(new DiagnosticMessage(line));
        }
    }

    public override string ToString() => Kind switch
    {
        AwsBackendKind.LocalCloud => $"LocalCloud and DynamoDB Local ({Reason})",
        AwsBackendKind.LocalStack => $"LocalStack {TestSupport.LocalStack.Image} through Testcontainers ({Reason})",
        _ => $"{EndpointUrl} ({Reason})",
    };
}
