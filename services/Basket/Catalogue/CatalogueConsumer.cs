using Ecommerce.Contracts;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Baskets.Catalogue;

/// <summary>
/// Keeps Basket's view of the catalogue: each message is a ProductChanged event in its EventBridge
/// envelope, applied when newer than what the view holds. It knows nothing of how the batch arrived
/// (Lambda's <c>/events</c> or the local poller), and one bad message never fails the others.
/// </summary>
public sealed partial class CatalogueConsumer(CatalogueView view, ILogger<CatalogueConsumer> logger) : IBatchConsumer<SqsRecord>
{
    /// <summary>Its settings: <c>Basket__Catalogue__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public const string Section = "Basket:Catalogue";

    /// <summary>Its queue: BasketCatalogueQueue, fed by the product-change rule, redriven to its DLQ.</summary>
    public static readonly EventQueueDefinition Queue = ResourceDefinitions.ProductChangedEvents;

    public async Task<IReadOnlyList<string>> ProcessAsync(IReadOnlyList<SqsRecord> records, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var record in records)
        {
            if (Read(record.Body) is not { } change)
            {
                LogRejected(logger, record.MessageId);
                failed.Add(record.MessageId);
                continue;
            }

            try
            {
                var applied = await view.ApplyAsync(change, cancellationToken);
                LogApplied(logger, change.Id, change.Version, applied ? "applied" : "already held or older");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogApplyFailed(logger, record.MessageId, e.GetType().Name);
                failed.Add(record.MessageId);
            }
        }

        return failed;
    }

    /// <summary>The product change in an EventBridge envelope, or null when the message is not a valid one.</summary>
    internal static ProductChangedEvent? Read(string? body) =>
        EventEnvelope.ReadDetail(body, ProductChangedEvent.Source, ProductChangedEvent.DetailType, ProductChangedJsonContext.Default.ProductChangedEvent)
            is { } change && IsValid(change) ? change : null;

    /// <summary>Exactly what Product can publish: a catalogue product's id, name and price, and a version.</summary>
    private static bool IsValid(ProductChangedEvent change) =>
        PlainText.IsRequiredText(change.Id, Limits.ProductId)
        && PlainText.IsRequiredText(change.Name, Limits.ProductName)
        && Money.IsPrice(change.Price)
        && change.Version >= 1;

    [LoggerMessage(LogLevel.Information, "Product {ProductId} version {Version}: {Outcome}")]
    private static partial void LogApplied(ILogger logger, string productId, long version, string outcome);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} is not a valid product change; left for redelivery and the dead-letter queue")]
    private static partial void LogRejected(ILogger logger, string messageId);

    [LoggerMessage(LogLevel.Warning, "Applying message {MessageId} failed with {ExceptionType}; left for redelivery")]
    private static partial void LogApplyFailed(ILogger logger, string messageId, string exceptionType);
}
