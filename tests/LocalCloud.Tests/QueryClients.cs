using System.Diagnostics;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>An AWS client that speaks SQS's query protocol: the ones Debian 12 ships, from before SQS moved to JSON.</summary>
public enum QueryClient
{
    /// <summary>Debian's <c>awscli</c> (2.9) at <c>/usr/bin/aws</c>.</summary>
    AwsCli,

    /// <summary>Debian's <c>python3-boto3</c> (1.26) for <c>/usr/bin/python3</c>.</summary>
    Boto3,
}

/// <summary>Runs Debian's AWS clients against the edge, with throwaway credentials and no user configuration.</summary>
public static class QueryClients
{
    public const string AwsCli = "/usr/bin/aws";
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> AwsCliProblem = new(() => Problem(
        AwsCli, "awscli", "from awscli.botocore.session import get_session; print(get_session().get_service_model('sqs').protocol)"));

    private static readonly Lazy<string?> Boto3Problem = new(() => Problem(
        Python, "python3-boto3", "import boto3; print(boto3.client('sqs', region_name='us-east-1').meta.service_model.protocol)"));

    /// <summary>Why the client cannot serve these tests (missing, or speaking JSON), or null when it can.</summary>
    public static string? ProblemWith(QueryClient client) => client == QueryClient.AwsCli ? AwsCliProblem.Value : Boto3Problem.Value;

    /// <summary><c>aws sqs ...</c> against the endpoint.</summary>
    public static Task<ClientRun> AwsSqsAsync(string endpointUrl, params string[] arguments) =>
        RunAsync(AwsCli, ["--endpoint-url", endpointUrl, "--output", "json", "sqs", .. arguments]);

    public static async Task<ClientRun> RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS", "AWS_SESSION_TOKEN" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["AWS_ACCESS_KEY_ID"] = "local";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        info.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment["AWS_PAGER"] = "";

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new ClientRun(process.ExitCode, await stdout, await stderr);
    }

    private static string? Problem(string fileName, string package, string protocolProbe)
    {
        if (!File.Exists(fileName))
        {
            return $"{fileName} is missing: install Debian's {package} (apt-get install {package}), as build/test.sh does";
        }

        var probe = RunAsync(Python, ["-c", protocolProbe]).GetAwaiter().GetResult();
        return probe.ExitCode != 0 ? $"Debian's {package} is missing (apt-get install {package}): {probe.Stderr.Trim()}"
            : probe.Stdout.Trim() != "query" ? $"this {package} speaks SQS's {probe.Stdout.Trim()} protocol, not the query protocol"
            : null;
    }
}

/// <summary>How a client run ended, and what it printed.</summary>
public sealed record ClientRun(int ExitCode, string Stdout, string Stderr)
{
    public System.Text.Json.Nodes.JsonNode Json() =>
        ExitCode == 0 ? System.Text.Json.Nodes.JsonNode.Parse(Stdout)! : throw new InvalidOperationException($"exited {ExitCode}: {Stderr}");
}

/// <summary>A test that needs a query-protocol client: skipped, with the package to install, where it is missing.</summary>
public sealed class QueryClientFactAttribute : FactAttribute
{
    public QueryClientFactAttribute(QueryClient client)
    {
        if (QueryClients.ProblemWith(client) is { } problem)
        {
            Skip = problem;
        }
    }
}
