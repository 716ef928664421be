using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Ecommerce.Inventory.Ledger;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Inventory.Events;

/// <summary>
/// Publishes Inventory's answer about an order (StockReserved or StockRejected) on the bus, in the trace of the order
/// event it answers. Throws when EventBridge did not take it, so that the message comes again and the answer, found
/// in the reservation, is published then.
/// </summary>
internal sealed partial class StockAnswers(IEventBridgeClient eventBridge, ResourceNames names, ILogger<StockAnswers> logger)
{
    public async Task PublishAsync(StockAnswer answer, OrderEvent order, CancellationToken cancellationToken)
    {
        var detailType = answer == StockAnswer.Reserved ? ResourceDefinitions.StockReserved : ResourceDefinitions.StockRejected;
        using var publishing = TraceContext.Source.StartActivity($"publish {detailType}", ActivityKind.Producer);
        publishing?.SetTag("order.id", order.OrderId);
        var entry = new EventEntry(
            names[ResourceDefinitions.EventBus],
            ResourceDefinitions.InventoryEventSource,
            detailType,
            JsonSerializer.Serialize(new OrderStepEvent(order.OrderId, order.UserName, order.OrderDate), OrderEventJsonContext.Default.OrderStepEvent),
            TraceHeader: TraceContext.ToTraceHeader(publishing ?? Activity.Current));
        var result = await eventBridge.PutEventsAsync([entry], cancellationToken);
        if (result.FailedEntryCount > 0)
        {
            var errorCode = result.Entries.Count > 0 ? result.Entries[0].ErrorCode : null;
            throw new EventBridgeException($"EventBridge did not take {detailType} of order {order.OrderId}.", errorCode ?? "FailedEntry", HttpStatusCode.OK);
        }

        LogPublished(logger, detailType, order.OrderId);
    }

    [LoggerMessage(LogLevel.Information, "{DetailType} of order {OrderId} published")]
    private static partial void LogPublished(ILogger logger, string detailType, string orderId);
}
