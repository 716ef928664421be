using System.Text.Json.Serialization.Metadata;
using Ecommerce.Baskets.Catalogue;
using Ecommerce.Contracts;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Baskets.Events;

/// <summary>Keeps Basket's view of the product catalogue: each ProductChanged event is applied when newer than what the view holds.</summary>
internal sealed partial class CatalogueConsumer(CatalogueView view, ILogger<CatalogueConsumer> logger) : IEventQueueConsumer<ProductChangedEvent>
{
    /// <summary>Its settings: <c>Basket__Catalogue__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Basket:Catalogue";

    public static EventQueueDefinition Queue => ResourceDefinitions.ProductChangedEvents;

    public static JsonTypeInfo<ProductChangedEvent> EventType => ProductChangedJsonContext.Default.ProductChangedEvent;

    /// <summary>Exactly what Product can publish: a catalogue product's id, name and price, and a version.</summary>
    public static bool IsValid(ProductChangedEvent change) =>
        PlainText.IsRequiredText(change.Id, Limits.ProductId)
        && PlainText.IsRequiredText(change.Name, Limits.ProductName)
        && Money.IsPrice(change.Price)
        && change.Version >= 1;

    public async Task HandleAsync(ProductChangedEvent change, string detailType, CancellationToken cancellationToken)
    {
        var applied = await view.ApplyAsync(change, cancellationToken);
        LogApplied(logger, change.Id, change.Version, applied ? "applied" : "already held or older");
    }

    [LoggerMessage(LogLevel.Information, "Product {ProductId} version {Version}: {Outcome}")]
    private static partial void LogApplied(ILogger logger, string productId, long version, string outcome);
}
