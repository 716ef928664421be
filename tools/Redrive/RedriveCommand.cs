using Amazon;
using Amazon.Runtime;
using Amazon.SQS;

namespace Ecommerce.Tools.Redrive;

/// <summary>The command line: parses the arguments, makes the SQS client, runs the move, and says how it went.</summary>
internal static class RedriveCommand
{
    public const int Succeeded = 0;
    public const int SomeRefused = 1;
    public const int BadArguments = 2;
    public const int Failed = 3;

    public static Task<int> Main(string[] args) =>
        RunAsync(args, Console.Out, Console.Error, config => new AmazonSQSClient(config), CancellationToken.None);

    /// <param name="newClient">Makes the SQS client from the configuration the arguments give (the tests hand it credentials).</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Func<AmazonSQSConfig, IAmazonSQS> newClient, CancellationToken cancellationToken)
    {
        if (args is ["--help"] or ["-h"])
        {
            output.WriteLine(RedriveOptions.Usage);
            return Succeeded;
        }

        var (options, problem) = RedriveOptions.Parse(args);
        if (options is null)
        {
            error.WriteLine(problem);
            error.WriteLine(RedriveOptions.Usage);
            return BadArguments;
        }

        // The endpoint and region the AWS CLI would take from the environment, unless the arguments name them.
        var region = options.Region ?? Setting("AWS_REGION") ?? Setting("AWS_DEFAULT_REGION");
        var endpointUrl = options.EndpointUrl ?? Setting("AWS_ENDPOINT_URL_SQS") ?? Setting("AWS_ENDPOINT_URL");
        var config = new AmazonSQSConfig();
        if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (endpointUrl is not null)
        {
            config.ServiceURL = endpointUrl;
            config.AuthenticationRegion = region;
        }

        try
        {
            using var sqs = newClient(config);
            var result = await new Redriver(sqs, output).RunAsync(options, cancellationToken);
            return result.Refused == 0 ? Succeeded : SomeRefused;
        }
        catch (AmazonServiceException e)
        {
            // What SQS said (a queue that does not exist, a missing permission), not a stack trace.
            error.WriteLine($"SQS refused: {e.ErrorCode}: {e.Message}");
            return Failed;
        }
        catch (AmazonClientException e)
        {
            error.WriteLine($"SQS could not be called: {e.Message}");
            return Failed;
        }
    }

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
