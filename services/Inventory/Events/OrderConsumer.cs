using System.Text.Json.Serialization.Metadata;
using Ecommerce.Contracts;
using Ecommerce.Inventory.Ledger;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Inventory.Events;

/// <summary>
/// Moves an order's stock as its life goes on: OrderSubmitted reserves (and answers StockReserved or StockRejected),
/// OrderCancelled releases, OrderShipped takes. The message is done only once the answer is out.
/// </summary>
internal sealed class OrderConsumer(StockLedger ledger, StockAnswers answers) : IEventQueueConsumer<OrderEvent>
{
    /// <summary>Its settings: <c>Inventory__Orders__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Inventory:Orders";

    public static EventQueueDefinition Queue => ResourceDefinitions.InventoryOrderEvents;

    public static JsonTypeInfo<OrderEvent> EventType => OrderEventJsonContext.Default.OrderEvent;

    /// <summary>What the ledger reads of an order: its key, and its lines of products and units as a basket can hold them.</summary>
    public static bool IsValid(OrderEvent order) =>
        Guid.TryParse(order.OrderId, out _)
        && PlainText.IsRequiredText(order.UserName, Limits.UserName)
        && CheckoutBasketEvent.IsValidTime(order.OrderDate)
        && order.Items is { Count: >= 1 and <= Limits.BasketItems } items
        && items.All(line => line is not null
            && PlainText.IsRequiredText(line.ProductId, Limits.ProductId)
            && line.Quantity is >= Limits.MinQuantity and <= Limits.MaxQuantity);

    public async Task HandleAsync(OrderEvent order, string detailType, CancellationToken cancellationToken)
    {
        switch (detailType)
        {
            case ResourceDefinitions.OrderSubmitted:
                if (await ledger.ReserveAsync(order, cancellationToken) is { } answer)
                {
                    await answers.PublishAsync(answer, order, cancellationToken);
                }

                break;
            case ResourceDefinitions.OrderCancelled:
                await ledger.ReleaseAsync(order, cancellationToken);
                break;
            case ResourceDefinitions.OrderShipped:
                await ledger.TakeAsync(order, cancellationToken);
                break;
        }
    }
}
