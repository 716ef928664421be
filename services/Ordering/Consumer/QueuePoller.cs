using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;

namespace Ecommerce.Ordering.Consumer;

/// <summary>
/// Poll mode: long-polls the order queue, hands each batch to <see cref="CheckoutConsumer"/>, and
/// deletes what succeeded in one call; failures stay on the queue for redelivery (and, after the
/// redrive limit, the dead-letter queue). SQS errors back off and recover; on shutdown the batch
/// in hand is finished before the loop ends.
/// </summary>
public sealed partial class QueuePoller(
    IAmazonSQS sqs,
    OrderQueue queue,
    CheckoutConsumer consumer,
    IOptions<ConsumerOptions> options,
    TimeProvider clock,
    ILogger<QueuePoller> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => PollAsync(stoppingToken)));

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
                backoff = FirstBackoff;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogBackoff(logger, e.GetType().Name, (e as AmazonSQSException)?.ErrorCode, backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task PollOnceAsync(CancellationToken stoppingToken)
    {
        var queueUrl = await queue.GetUrlAsync(stoppingToken);
        var received = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = Math.Clamp(options.Value.BatchSize, 1, 10),
                WaitTimeSeconds = Math.Clamp(options.Value.WaitTimeSeconds, 0, 20),
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
                Entries = [.. done.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle))],
            },
            CancellationToken.None);
        if (deleted.Failed is { Count: > 0 } notDeleted)
        {
            // Those come back after their visibility timeout; saving them again creates nothing.
            LogDeleteFailed(logger, notDeleted.Count, notDeleted[0].Code);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Polling the order queue failed with {ExceptionType} {ErrorCode}; retrying in {BackoffMs} ms")]
    private static partial void LogBackoff(ILogger logger, string exceptionType, string? errorCode, double backoffMs);

    [LoggerMessage(LogLevel.Warning, "{Count} processed messages were not deleted ({ErrorCode}); they will be redelivered and found saved")]
    private static partial void LogDeleteFailed(ILogger logger, int count, string errorCode);
}
