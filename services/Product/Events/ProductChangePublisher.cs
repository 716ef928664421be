using System.Text.Json;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.DynamoDbStreams;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Products.Events;

/// <summary>
/// Turns the product table's stream into <c>ProductChanged</c> events: the table is the outbox, so a
/// committed change is published at least once, even when every process dies right after the write.
/// It knows nothing of how the records arrived (Lambda's stream source or the local poller).
/// </summary>
public sealed partial class ProductChangePublisher(IEventBridgeClient eventBridge, ResourceNames names, ILogger<ProductChangePublisher> logger)
    : IStreamConsumer
{
    /// <summary>Its settings: <c>Product__Publisher__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Product:Publisher";

    public static TableDefinition Table => ResourceDefinitions.ProductTable;

    /// <summary>PutEvents takes at most ten entries.</summary>
    private const int EntriesPerCall = 10;

    /// <summary>Publishes every change, ten to a call; returns the sequence numbers of the records not published.</summary>
    public async Task<IReadOnlyList<string>> ProcessAsync(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var chunk in records.Chunk(EntriesPerCall))
        {
            var entries = chunk.Select(record => ToEntry(record)).ToList();
            try
            {
                var result = await eventBridge.PutEventsAsync(entries, cancellationToken);
                failed.AddRange(chunk.Where((_, i) => i >= result.Entries.Count || result.Entries[i].ErrorCode is not null).Select(r => r.Change.SequenceNumber));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(logger, chunk.Length, e.GetType().Name);
                failed.AddRange(chunk.Select(r => r.Change.SequenceNumber));
            }
        }

        LogPublished(logger, records.Count - failed.Count, failed.Count);
        return failed;
    }

    /// <summary>The event of one change: the new image, or for a removal the old one, deleted, one version on.</summary>
    internal static ProductChangedEvent ToEvent(StreamRecord record)
    {
        var deleted = record.EventName == "REMOVE";
        var image = (deleted ? record.Change.OldImage : record.Change.NewImage)
            ?? throw new InvalidOperationException($"Stream record {record.EventId} carries no image: the stream must keep NEW_AND_OLD_IMAGES.");
        var product = ProductRepository.FromItem(image);
        return new ProductChangedEvent(
            product.Product.Id,
            product.Product.Name,
            product.Product.Price,
            product.Product.Category,
            product.Product.ImageFile,
            deleted ? product.Version + 1 : product.Version,
            deleted);
    }

    private EventEntry ToEntry(StreamRecord record) => new(
        names[ResourceDefinitions.EventBus],
        ProductChangedEvent.Source,
        ProductChangedEvent.DetailType,
        JsonSerializer.Serialize(ToEvent(record), ProductChangedJsonContext.Default.ProductChangedEvent));

    [LoggerMessage(LogLevel.Information, "Product changes published: {Published}, left for another try: {Failed}")]
    private static partial void LogPublished(ILogger logger, int published, int failed);

    [LoggerMessage(LogLevel.Warning, "Publishing {Count} product changes failed with {ExceptionType}; they are read again")]
    private static partial void LogPublishFailed(ILogger logger, int count, string exceptionType);
}
