using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Consumers;

/// <summary>
/// Poll mode for a queue: long-polls it, hands each batch to the consumer, and deletes what succeeded in
/// one call; failures stay on the queue for redelivery (and, after the redrive limit, the dead-letter
/// queue). On shutdown the batch in hand is finished before the loop ends.
/// </summary>
public sealed partial class QueuePoller(
    IAmazonSQS sqs,
    EventQueue queue,
    IBatchConsumer<SqsRecord> consumer,
    ConsumerOptions options,
    TimeProvider clock,
    ILogger<QueuePoller> logger) : Poller($"the queue {queue.Name}", options.Concurrency, clock, logger)
{
    protected override async Task PollOnceAsync(CancellationToken stoppingToken)
    {
        var queueUrl = await queue.GetUrlAsync(stoppingToken);
        var received = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = Math.Clamp(options.BatchSize, 1, 10),
                WaitTimeSeconds = Math.Clamp(options.WaitTimeSeconds, 0, 20),
                MessageSystemAttributeNames = [SqsRecord.TraceHeaderAttribute],
            },
            stoppingToken);
        if (received.Messages is not { Count: > 0 } messages)
        {
            return;
        }

        // From here on the batch is ours: finish it even while the host stops.
        var records = messages.Select(m => new SqsRecord(m.MessageId, m.Body, m.Attributes)).ToList();
        var failed = (await consumer.ProcessAsync(records, CancellationToken.None)).ToHashSet();
        var done = messages.Where(m => !failed.Contains(m.MessageId)).ToList();
        if (done.Count == 0)
        {
            return;
        }

        var deleted = await sqs.DeleteMessageBatchAsync(
            new DeleteMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. done.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle))],
            },
            CancellationToken.None);
        if (deleted.Failed is { Count: > 0 } notDeleted)
        {
            // Those come back after their visibility timeout; consumers are idempotent, so nothing is done twice.
            LogDeleteFailed(logger, notDeleted.Count, notDeleted[0].Code);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Count} processed messages were not deleted ({ErrorCode}); they will be redelivered and found done")]
    private static partial void LogDeleteFailed(ILogger logger, int count, string errorCode);
}
