using System.Text.Json;
using Amazon.DynamoDBv2;
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
internal sealed partial class ProductChangePublisher(IEventBridgeClient eventBridge, ResourceNames names, RepublishJobs jobs, ILogger<ProductChangePublisher> logger)
    : IStreamConsumer
{
    /// <summary>Its settings: <c>Product__Publisher__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Product:Publisher";

    public static TableDefinition Table => ResourceDefinitions.ProductTable;

    /// <summary>
    /// Publishes every product's change and takes the step each republish run's change asks for; returns the sequence
    /// numbers of the records not done, which come again.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProcessAsync(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken)
    {
        var failed = (await eventBridge.PublishAsync(records, ToEntry, logger, cancellationToken)).ToList();
        foreach (var record in records.Where(RepublishJobs.IsJob))
        {
            try
            {
                await jobs.ContinueAsync(record, cancellationToken);
            }
            catch (AmazonDynamoDBException e)
            {
                LogRepublishStepFailed(logger, record.Change.SequenceNumber, e.ErrorCode);
                failed.Add(record.Change.SequenceNumber);
            }
        }

        return failed;
    }

    /// <summary>
    /// The event of one product's change, or null for a change that makes none (a republish run's, a tombstone's expiry:
    /// its deletion went out when it was made). A tombstone is its product deleted, at the version it was given; a
    /// product removed outright, its old image deleted, one version on.
    /// </summary>
    internal static ProductChangedEvent? ToEvent(StreamRecord record)
    {
        var removed = record.EventName == "REMOVE";
        var image = (removed ? record.Change.OldImage : record.Change.NewImage)
            ?? throw new InvalidOperationException($"Stream record {record.EventId} carries no image: the stream must keep NEW_AND_OLD_IMAGES.");
        if (RepublishJobs.IsJob(record) || (removed && ProductRepository.IsTombstone(image)))
        {
            return null;
        }

        var deleted = removed || ProductRepository.IsTombstone(image);
        var product = ProductRepository.FromItem(image);
        return new ProductChangedEvent(
            product.Product.Id,
            product.Product.Name,
            product.Product.Price,
            product.Product.Category,
            product.Product.ImageFile,
            removed ? product.Version + 1 : product.Version,
            deleted);
    }

    private EventEntry? ToEntry(StreamRecord record) => ToEvent(record) is { } changed
        ? new EventEntry(
            names[ResourceDefinitions.EventBus],
            ProductChangedEvent.Source,
            ProductChangedEvent.DetailType,
            JsonSerializer.Serialize(changed, ProductChangedJsonContext.Default.ProductChangedEvent))
        : null;

    [LoggerMessage(LogLevel.Warning, "A republish run's step at {SequenceNumber} failed with {ErrorCode}; it is read again")]
    private static partial void LogRepublishStepFailed(ILogger logger, string sequenceNumber, string errorCode);
}
