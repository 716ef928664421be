using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using EventBus = Amazon.CDK.AWS.Events.EventBus;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Deploy.Constructs;

/// <summary>Checkout events: Basket puts them on the bus, the rule sends them to the queue Ordering consumes.</summary>
public sealed class CheckoutMessaging : Construct
{
    public EventBus Bus { get; }
    public Rule CheckoutRule { get; }
    public Queue OrderQueue { get; }
    public Queue DeadLetterQueue { get; }

    /// <summary>Where EventBridge keeps a checkout event it could not deliver to the order queue.</summary>
    public Queue RuleDeadLetterQueue { get; }

    /// <summary>Every dead-letter queue of the flow: each one's depth above zero is an alarm.</summary>
    public IReadOnlyList<Queue> DeadLetterQueues => [DeadLetterQueue, RuleDeadLetterQueue];

    /// <param name="consumerTimeout">How long the consumer may hold a batch; the queue hides a message six times as long.</param>
    public CheckoutMessaging(Construct scope, string id, DeploySettings settings, Duration consumerTimeout)
        : base(scope, id)
    {
        // Construct ids are the default names; the physical names are generated per stack.
        Bus = new EventBus(this, ResourceDefinitions.EventBus.DefaultName);

        // Its rule's dead-letter queue keeps the id it was first deployed with (CheckoutRuleDLQ): a new id would replace the queue.
        var flow = MessageQueues.RuleToQueue(this, ResourceDefinitions.CheckoutEvents, Bus, consumerTimeout, settings);
        (CheckoutRule, OrderQueue, DeadLetterQueue, RuleDeadLetterQueue) = (flow.Rule, flow.Queue, flow.DeadLetterQueue, flow.RuleDeadLetterQueue);
    }
}
