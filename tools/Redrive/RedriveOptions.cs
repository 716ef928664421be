using System.Globalization;

namespace Ecommerce.Tools.Redrive;

/// <summary>What one run moves: from which queue to which, how many at most, and whether it only looks.</summary>
internal sealed record RedriveOptions(
    string Source,
    string Destination,
    int MaxMessages,
    bool DryRun,
    string? EndpointUrl,
    string? Region,
    int VisibilityTimeoutSeconds)
{
    public const int DefaultMaxMessages = 1000;
    public const int DefaultVisibilityTimeoutSeconds = 120;

    public const string Usage = """
        Usage: redrive --source <queue> --destination <queue> [--max-messages N] [--dry-run]
                       [--visibility-timeout SECONDS] [--endpoint-url URL] [--region REGION]

        Moves messages from a queue that is no SQS queue's dead-letter queue (an EventBridge rule target's DLQ),
        which StartMessageMoveTask refuses, to the queue the rule delivers to. Each message is received, sent to
        the destination with its body, message attributes and AWSTraceHeader, and deleted from the source only
        once the destination has accepted it; a message the destination refused comes back to the source after
        the visibility timeout. A queue is named by its ARN, URL or name.

          --max-messages N            move at most N messages (default 1000), 10 a receive
          --dry-run                   list what would move, change nothing (the messages seen are made visible again)
          --visibility-timeout S      how long a received message stays hidden while it is moved (default 120)
          --endpoint-url URL          another SQS endpoint (LocalCloud: http://localhost:4566); by default
                                      AWS_ENDPOINT_URL_SQS or AWS_ENDPOINT_URL, as the AWS CLI reads them
          --region REGION             the region; by default AWS_REGION or AWS_DEFAULT_REGION
        """;

    /// <summary>The options the arguments give, or the reason they give none.</summary>
    public static (RedriveOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? source = null, destination = null, endpointUrl = null, region = null;
        var (maxMessages, visibilityTimeout, dryRun) = (DefaultMaxMessages, DefaultVisibilityTimeoutSeconds, false);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--dry-run")
            {
                dryRun = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{name} needs a value, or is no option.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--source":
                    source = value;
                    break;
                case "--destination":
                    destination = value;
                    break;
                case "--endpoint-url":
                    endpointUrl = value;
                    break;
                case "--region":
                    region = value;
                    break;
                case "--max-messages" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max >= 1:
                    maxMessages = max;
                    break;
                case "--visibility-timeout" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 43_200:
                    visibilityTimeout = seconds;
                    break;
                case "--max-messages" or "--visibility-timeout":
                    return (null, $"{name} takes a whole number ({(name == "--max-messages" ? "1 or more" : "1 to 43200")}), not '{value}'.");
                default:
                    return (null, $"Unknown option {name}.");
            }
        }

        if (source is null || destination is null)
        {
            return (null, "Both --source and --destination are required.");
        }

        return source == destination
            ? (null, "The source and the destination are the same queue.")
            : (new RedriveOptions(source, destination, maxMessages, dryRun, endpointUrl, region, visibilityTimeout), null);
    }
}
