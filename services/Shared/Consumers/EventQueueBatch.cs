using System.Diagnostics;
using Ecommerce.Shared.Events;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Consumers;

/// <summary>
/// A batch of SQS messages, each an EventBridge envelope around one event, handed to the consumer one valid event
/// at a time. It knows nothing of how the batch arrived (Lambda's <c>/events</c> or the local poller), and one bad
/// message never fails the others. Logs under the consumer's own category.
/// </summary>
public sealed class EventQueueBatch<TConsumer, TEvent>(TConsumer consumer, ILogger<TConsumer> logger) : IBatchConsumer<SqsRecord>
    where TConsumer : class, IEventQueueConsumer<TEvent>
    where TEvent : class
{
    /// <summary>Handles every good message; returns the ids of the messages to leave for redelivery.</summary>
    public async Task<IReadOnlyList<string>> ProcessAsync(IReadOnlyList<SqsRecord> records, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var record in records)
        {
            if (!await TryHandleAsync(record, cancellationToken))
            {
                failed.Add(record.MessageId);
            }
        }

        return failed;
    }

    /// <summary>The event in an EventBridge envelope, with its detail type, or null when the message is not a valid one.</summary>
    private static (string DetailType, TEvent Detail)? Read(string? body) =>
        EventEnvelope.Read(body, TConsumer.Queue.EventSources, TConsumer.Queue.EventDetailTypes, TConsumer.EventType)
            is { } received && TConsumer.IsValid(received.Detail) ? received : null;

    private async Task<bool> TryHandleAsync(SqsRecord record, CancellationToken cancellationToken)
    {
        // A child of the publish, whose trace header EventBridge and SQS carried here.
        var publish = TraceContext.ParentFrom(record.Attributes?.GetValueOrDefault(SqsRecord.TraceHeaderAttribute));
        using var processing = TraceContext.Source.StartActivity($"process {TConsumer.Queue.EventNames}", ActivityKind.Consumer, publish);
        processing?.SetTag("messaging.message.id", record.MessageId);
        if (Read(record.Body) is not { } received)
        {
            // The body is not logged: it may hold what a bad sender put there, card data included.
            EventQueueLog.Rejected(logger, record.MessageId, TConsumer.Queue.EventNames);
            return false;
        }

        try
        {
            processing?.DisplayName = $"process {received.DetailType}";
            await consumer.HandleAsync(received.Detail, received.DetailType, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            EventQueueLog.Failed(logger, record.MessageId, e.GetType().Name);
            return false;
        }
    }
}

internal static partial class EventQueueLog
{
    [LoggerMessage(LogLevel.Warning, "Message {MessageId} is not a valid {DetailType} event; left for redelivery and the dead-letter queue")]
    public static partial void Rejected(ILogger logger, string messageId, string detailType);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} failed with {ExceptionType}; left for redelivery")]
    public static partial void Failed(ILogger logger, string messageId, string exceptionType);
}
