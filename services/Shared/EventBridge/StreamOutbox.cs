using Ecommerce.Shared.DynamoDbStreams;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.EventBridge;

/// <summary>
/// A table's stream as the outbox of its events: every committed change is published at least once, even
/// when every process dies right after the write. Shared by the stream publishers (Product's, Ordering's),
/// each of which says only which event, if any, a change makes.
/// </summary>
public static partial class StreamOutbox
{
    /// <summary>PutEvents takes at most ten entries.</summary>
    private const int EntriesPerCall = 10;

    /// <summary>
    /// Publishes the event of each record (<paramref name="toEntry"/>; null for a change that makes none), ten to a
    /// call; returns the sequence numbers of the records not published. Logs under the publisher's own category.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PublishAsync(
        this IEventBridgeClient eventBridge,
        IReadOnlyList<StreamRecord> records,
        Func<StreamRecord, EventEntry?> toEntry,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var toPublish = records.Select(record => (Record: record, Entry: toEntry(record)))
            .Where(pair => pair.Entry is not null)
            .Select(pair => (pair.Record, Entry: pair.Entry!))
            .ToList();
        var failed = new List<string>();
        foreach (var chunk in toPublish.Chunk(EntriesPerCall))
        {
            try
            {
                var result = await eventBridge.PutEventsAsync([.. chunk.Select(pair => pair.Entry)], cancellationToken);
                failed.AddRange(chunk
                    .Where((_, i) => i >= result.Entries.Count || result.Entries[i].ErrorCode is not null)
                    .Select(pair => pair.Record.Change.SequenceNumber));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(logger, chunk.Length, e.GetType().Name);
                failed.AddRange(chunk.Select(pair => pair.Record.Change.SequenceNumber));
            }
        }

        LogPublished(logger, toPublish.Count - failed.Count, failed.Count, records.Count - toPublish.Count);
        return failed;
    }

    [LoggerMessage(LogLevel.Information, "Changes published: {Published}, left for another try: {Failed}, making no event: {Skipped}")]
    private static partial void LogPublished(ILogger logger, int published, int failed, int skipped);

    [LoggerMessage(LogLevel.Warning, "Publishing {Count} changes failed with {ExceptionType}; they are read again")]
    private static partial void LogPublishFailed(ILogger logger, int count, string exceptionType);
}
