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
internal sealed class ProductChangePublisher(IEventBridgeClient eventBridge, ResourceNames names, ILogger<ProductChangePublisher> logger)
    : IStreamConsumer
{
    /// <summary>Its settings: <c>Product__Publisher__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Product:Publisher";

    public static TableDefinition Table => ResourceDefinitions.ProductTable;

    /// <summary>Publishes every change; returns the sequence numbers of the records not published.</summary>
    public Task<IReadOnlyList<string>> ProcessAsync(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken) =>
        eventBridge.PublishAsync(records, ToEntry, logger, cancellationToken);

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
}
