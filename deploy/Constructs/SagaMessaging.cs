using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// The order's life on the one bus: Ordering's publisher turns the order table's stream into order events; a rule
/// per consumer sends Inventory and Payment the steps they act on and brings their answers back to Ordering; the
/// expiry queue holds every submitted order for the expiry time, then hands it back to Ordering to cancel if still
/// not Confirmed. Inventory learns the products it keeps stock of from ProductChanged, on a rule of its own.
/// </summary>
public sealed class SagaMessaging : Construct
{
    public EventFlow InventoryProducts { get; }
    public EventFlow InventoryOrders { get; }
    public EventFlow PaymentOrders { get; }
    public EventFlow OrderSaga { get; }
    public EventFlow OrderExpiry { get; }

    /// <summary>Where the order stream's event source mapping records a batch the publisher failed after every retry.</summary>
    public Queue OrderStreamDeadLetterQueue { get; }

    public IReadOnlyList<EventFlow> Flows => [InventoryProducts, InventoryOrders, PaymentOrders, OrderSaga, OrderExpiry];

    public IReadOnlyList<Queue> DeadLetterQueues => [OrderStreamDeadLetterQueue, .. Flows.SelectMany(flow => flow.DeadLetterQueues)];

    /// <param name="bus">The stack's one bus.</param>
    /// <param name="consumerTimeout">How long a consumer may hold a batch; each queue hides a message six times as long.</param>
    public SagaMessaging(Construct scope, string id, DeploySettings settings, IEventBus bus, Duration consumerTimeout)
        : base(scope, id)
    {
        OrderStreamDeadLetterQueue = MessageQueues.DeadLetterQueue(this, "OrderStreamDLQ", settings);
        InventoryProducts = MessageQueues.RuleToQueue(this, ResourceDefinitions.InventoryProductEvents, bus, consumerTimeout, settings);
        InventoryOrders = MessageQueues.RuleToQueue(this, ResourceDefinitions.InventoryOrderEvents, bus, consumerTimeout, settings);
        PaymentOrders = MessageQueues.RuleToQueue(this, ResourceDefinitions.PaymentOrderEvents, bus, consumerTimeout, settings);
        OrderSaga = MessageQueues.RuleToQueue(this, ResourceDefinitions.OrderSagaEvents, bus, consumerTimeout, settings);
        // SQS's own delivery delay holds each OrderSubmitted for the expiry time, as LocalCloud does locally.
        OrderExpiry = MessageQueues.RuleToQueue(
            this, ResourceDefinitions.OrderExpiryEvents, bus, consumerTimeout, settings, deliveryDelay: Duration.Seconds(settings.OrderExpirySeconds));
    }
}
