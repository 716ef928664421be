using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.DynamoDbStreams;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Ordering.Events;

/// <summary>
/// Turns the order table's stream into the order's events: a new order is <c>OrderSubmitted</c>, a change of
/// status <c>Order{Status}</c>; a change of the payment alone makes none. Each carries the checkout's trace.
/// </summary>
internal sealed class OrderPublisher(IEventBridgeClient eventBridge, ResourceNames names, ILogger<OrderPublisher> logger) : IStreamConsumer
{
    /// <summary>Its settings: <c>Ordering__Publisher__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Ordering:Publisher";

    public static TableDefinition Table => ResourceDefinitions.OrderTable;

    public Task<IReadOnlyList<string>> ProcessAsync(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken) =>
        eventBridge.PublishAsync(records, ToEntry, logger, cancellationToken);

    /// <summary>The detail type of the event a change makes, or null when it makes none.</summary>
    internal static string? DetailTypeOf(StreamRecord record) => record.EventName switch
    {
        "INSERT" => ResourceDefinitions.OrderSubmitted,
        "MODIFY" when StatusOf(record.Change.NewImage) is { } status && status != StatusOf(record.Change.OldImage) =>
            OrderEvent.DetailTypeOf(Enum.Parse<OrderStatus>(status)),
        _ => null,
    };

    private static string? StatusOf(Dictionary<string, AttributeValue>? image) => image?.GetValueOrDefault("status")?.S;

    private EventEntry? ToEntry(StreamRecord record)
    {
        if (DetailTypeOf(record) is not { } detailType)
        {
            return null;
        }

        var order = OrderRepository.FromItem(record.Change.NewImage!);
        return new EventEntry(
            names[ResourceDefinitions.EventBus],
            OrderEvent.Source,
            detailType,
            JsonSerializer.Serialize(Orders.EventOf(order), OrderEventJsonContext.Default.OrderEvent),
            TraceHeader: order.TraceHeader);
    }
}
