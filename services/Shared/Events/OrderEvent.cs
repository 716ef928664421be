using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Contracts;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Shared.Events;

/// <summary>
/// The detail of every event of an order's life that Ordering publishes (<c>OrderSubmitted</c>, <c>OrderStockReserved</c>,
/// <c>OrderConfirmed</c>, <c>OrderShipped</c>, <c>OrderCancelled</c>): the order as it stands after the step, so
/// Inventory and Payment never read Ordering's table. The order table's stream is its outbox.
/// </summary>
public sealed record OrderEvent(
    string OrderId,
    string UserName,
    string OrderDate,
    OrderStatus Status,
    CancelReason? CancelReason,
    decimal TotalPrice,
    IReadOnlyList<LineItem> Items,
    string PaymentMethodId,
    long Version)
{
    public const string Source = ResourceDefinitions.OrderEventSource;

    /// <summary>The detail type of the event that says an order reached <paramref name="status"/>: <c>Order{Status}</c>.</summary>
    public static string DetailTypeOf(OrderStatus status) => "Order" + status;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(OrderEvent))]
[JsonSerializable(typeof(OrderStepEvent))]
public sealed partial class OrderEventJsonContext : JsonSerializerContext;
