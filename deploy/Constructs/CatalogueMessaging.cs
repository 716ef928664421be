using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// Product changes: the publisher turns the product table's stream into ProductChanged events on the bus,
/// and ProductChangedRule sends them to the queue Basket's catalogue consumer reads into its view.
/// </summary>
public sealed class CatalogueMessaging : Construct
{
    public Rule ProductChangedRule { get; }
    public Queue BasketCatalogueQueue { get; }
    public Queue DeadLetterQueue { get; }

    /// <summary>Where EventBridge keeps a product change it could not deliver to Basket's queue.</summary>
    public Queue RuleDeadLetterQueue { get; }

    /// <summary>
    /// Where the stream's event source mapping records a batch the publisher failed after every retry: the
    /// shard and the range of sequence numbers, not the records themselves (docs/operations.md).
    /// </summary>
    public Queue StreamDeadLetterQueue { get; }

    public IReadOnlyList<Queue> DeadLetterQueues => [StreamDeadLetterQueue, RuleDeadLetterQueue, DeadLetterQueue];

    /// <param name="bus">The stack's one bus, which the checkout events use as well.</param>
    /// <param name="consumerTimeout">How long Basket's consumer may hold a batch; the queue hides a message six times as long.</param>
    public CatalogueMessaging(Construct scope, string id, DeploySettings settings, IEventBus bus, Duration consumerTimeout)
        : base(scope, id)
    {
        StreamDeadLetterQueue = MessageQueues.DeadLetterQueue(this, "ProductStreamDLQ", settings);
        var flow = MessageQueues.RuleToQueue(this, ResourceDefinitions.ProductChangedEvents, bus, consumerTimeout, settings);
        (ProductChangedRule, BasketCatalogueQueue, DeadLetterQueue, RuleDeadLetterQueue) = (flow.Rule, flow.Queue, flow.DeadLetterQueue, flow.RuleDeadLetterQueue);
    }
}
