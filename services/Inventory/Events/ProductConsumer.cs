using System.Text.Json.Serialization.Metadata;
using Ecommerce.Contracts;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Inventory.Events;

/// <summary>Learns the products Inventory keeps stock of: each ProductChanged event is applied when newer than what it holds.</summary>
internal sealed partial class ProductConsumer(StockRepository stock, ILogger<ProductConsumer> logger) : IEventQueueConsumer<ProductChangedEvent>
{
    /// <summary>Its settings: <c>Inventory__Products__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Inventory:Products";

    public static EventQueueDefinition Queue => ResourceDefinitions.InventoryProductEvents;

    public static JsonTypeInfo<ProductChangedEvent> EventType => ProductChangedJsonContext.Default.ProductChangedEvent;

    /// <summary>What Inventory keeps of a product: its id, its name, and a version.</summary>
    public static bool IsValid(ProductChangedEvent change) =>
        PlainText.IsRequiredText(change.Id, Limits.ProductId)
        && PlainText.IsRequiredText(change.Name, Limits.ProductName)
        && change.Version >= 1;

    public async Task HandleAsync(ProductChangedEvent change, string detailType, CancellationToken cancellationToken)
    {
        var applied = await stock.LearnAsync(change, cancellationToken);
        LogLearned(logger, change.Id, change.Version, change.Deleted, applied ? "applied" : "already held or older");
    }

    [LoggerMessage(LogLevel.Information, "Product {ProductId} version {Version} (deleted: {Deleted}): {Outcome}")]
    private static partial void LogLearned(ILogger logger, string productId, long version, bool deleted, string outcome);
}
