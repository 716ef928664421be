using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Ecommerce.Tools.Redrive;

/// <summary>How a run ended: the messages moved (or, in a dry run, seen) and those the destination refused.</summary>
internal sealed record RedriveResult(int Moved, int Refused);

/// <summary>
/// Receives from the source a page at a time, sends each page to the destination as one batch, and deletes from the
/// source exactly the messages the destination accepted. It stops at the run's bound or when a receive finds nothing.
/// </summary>
internal sealed class Redriver(IAmazonSQS sqs, TextWriter output)
{
    private const int PageSize = 10;
    private const string TraceHeader = "AWSTraceHeader";

    public async Task<RedriveResult> RunAsync(RedriveOptions options, CancellationToken cancellationToken)
    {
        var sourceUrl = await UrlOfAsync(options.Source, cancellationToken);
        var destinationUrl = await UrlOfAsync(options.Destination, cancellationToken);
        var (moved, refused) = (0, 0);
        List<Message> seen = [];
        while (moved + refused + seen.Count < options.MaxMessages)
        {
            var page = await ReceiveAsync(sourceUrl, Math.Min(PageSize, options.MaxMessages - moved - refused - seen.Count), options, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            if (options.DryRun)
            {
                page.ForEach(message => Write("would move", message));
                seen.AddRange(page);
                continue;
            }

            var accepted = await SendAsync(destinationUrl, page, cancellationToken);
            await DeleteAsync(sourceUrl, accepted, cancellationToken);
            moved += accepted.Count;
            refused += page.Count - accepted.Count;
        }

        if (options.DryRun)
        {
            await ReleaseAsync(sourceUrl, seen, cancellationToken);
        }

        var verb = options.DryRun ? "Would move" : "Moved";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{verb} {(options.DryRun ? seen.Count : moved)} message(s) from {sourceUrl} to {destinationUrl}; {refused} refused by the destination."));
        return new RedriveResult(options.DryRun ? seen.Count : moved, refused);
    }

    /// <summary>A queue's URL from its URL, its ARN (<c>arn:aws:sqs:region:account:name</c>) or its name.</summary>
    private async Task<string> UrlOfAsync(string queue, CancellationToken cancellationToken)
    {
        if (queue.StartsWith("https://", StringComparison.Ordinal) || queue.StartsWith("http://", StringComparison.Ordinal))
        {
            return queue;
        }

        var arn = queue.Split(':');
        var request = arn is ["arn", _, "sqs", _, var account, var name]
            ? new GetQueueUrlRequest { QueueName = name, QueueOwnerAWSAccountId = account }
            : new GetQueueUrlRequest { QueueName = queue };
        return (await sqs.GetQueueUrlAsync(request, cancellationToken)).QueueUrl;
    }

    private async Task<List<Message>> ReceiveAsync(string sourceUrl, int count, RedriveOptions options, CancellationToken cancellationToken)
    {
        var received = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = sourceUrl,
                MaxNumberOfMessages = count,
                WaitTimeSeconds = 1,
                VisibilityTimeout = options.VisibilityTimeoutSeconds,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = [TraceHeader],
            },
            cancellationToken);
        return received.Messages ?? [];
    }

    /// <summary>Sends the page as one batch; returns the messages the destination accepted.</summary>
    private async Task<List<Message>> SendAsync(string destinationUrl, List<Message> page, CancellationToken cancellationToken)
    {
        var entries = page.Select((message, index) => new SendMessageBatchRequestEntry
        {
            Id = index.ToString(CultureInfo.InvariantCulture),
            MessageBody = message.Body,
            MessageAttributes = message.MessageAttributes is { Count: > 0 } attributes ? new(attributes) : null,
            MessageSystemAttributes = message.Attributes?.GetValueOrDefault(TraceHeader) is { } trace
                ? new() { [TraceHeader] = new MessageSystemAttributeValue { DataType = "String", StringValue = trace } }
                : null,
        }).ToList();
        var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = destinationUrl, Entries = entries }, cancellationToken);
        foreach (var failed in sent.Failed ?? [])
        {
            var message = page[int.Parse(failed.Id, CultureInfo.InvariantCulture)];
            output.WriteLine($"refused {message.MessageId}: {failed.Code} {failed.Message} (it stays in the source)");
        }

        var accepted = (sent.Successful ?? []).Select(entry => page[int.Parse(entry.Id, CultureInfo.InvariantCulture)]).ToList();
        accepted.ForEach(message => Write("moved", message));
        return accepted;
    }

    private async Task DeleteAsync(string sourceUrl, List<Message> moved, CancellationToken cancellationToken)
    {
        if (moved.Count == 0)
        {
            return;
        }

        var deleted = await sqs.DeleteMessageBatchAsync(
            new DeleteMessageBatchRequest
            {
                QueueUrl = sourceUrl,
                Entries = [.. moved.Select((message, index) => new DeleteMessageBatchRequestEntry(index.ToString(CultureInfo.InvariantCulture), message.ReceiptHandle))],
            },
            cancellationToken);
        foreach (var failed in deleted.Failed ?? [])
        {
            // Sent but still in the source: it will come back and be sent again, which every consumer of ours takes as a redelivery.
            output.WriteLine($"not deleted {moved[int.Parse(failed.Id, CultureInfo.InvariantCulture)].MessageId}: {failed.Code} {failed.Message}");
        }
    }

    /// <summary>Makes the messages a dry run hid visible again at once.</summary>
    private async Task ReleaseAsync(string sourceUrl, List<Message> seen, CancellationToken cancellationToken)
    {
        foreach (var chunk in seen.Chunk(PageSize))
        {
            await sqs.ChangeMessageVisibilityBatchAsync(
                new ChangeMessageVisibilityBatchRequest
                {
                    QueueUrl = sourceUrl,
                    Entries = [.. chunk.Select((message, index) => new ChangeMessageVisibilityBatchRequestEntry(index.ToString(CultureInfo.InvariantCulture), message.ReceiptHandle) { VisibilityTimeout = 0 })],
                },
                cancellationToken);
        }
    }

    /// <summary>One line per message: its id, and why EventBridge gave up on it where the attributes say.</summary>
    private void Write(string what, Message message)
    {
        var attributes = message.MessageAttributes ?? [];
        var why = attributes.GetValueOrDefault("ERROR_CODE")?.StringValue is { } code
            ? $" (ERROR_CODE {code}, RULE_ARN {attributes.GetValueOrDefault("RULE_ARN")?.StringValue})"
            : "";
        output.WriteLine($"{what} {message.MessageId}{why}");
    }
}
