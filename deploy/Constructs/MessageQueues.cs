using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Deploy.Constructs;

/// <summary>An event flow's rule, the queue it delivers to, and their two dead-letter queues.</summary>
public sealed record EventFlow(Rule Rule, Queue Queue, Queue DeadLetterQueue, Queue RuleDeadLetterQueue)
{
    /// <summary>Every dead-letter queue of the flow: each one's depth above zero is an alarm.</summary>
    public IReadOnlyList<Queue> DeadLetterQueues => [DeadLetterQueue, RuleDeadLetterQueue];
}

/// <summary>The queues of an event flow, made one way: a rule delivers to a queue a Lambda consumer reads, each with a dead-letter queue.</summary>
public static class MessageQueues
{
    /// <summary>
    /// The rule <paramref name="definition"/> names on <paramref name="bus"/>, delivering what its pattern matches to a queue a
    /// Lambda consumer reads, which moves a message to its dead-letter queue after the definition's receive count. Construct ids
    /// are the definition's default names; the physical names are generated per stack.
    /// </summary>
    /// <param name="deliveryDelay">How long the queue holds each message before any consumer may see it.</param>
    public static EventFlow RuleToQueue(
        Construct scope,
        EventQueueDefinition definition,
        IEventBus bus,
        Duration consumerTimeout,
        DeploySettings settings,
        Duration? deliveryDelay = null)
    {
        var deadLetterQueue = DeadLetterQueue(scope, definition.DeadLetterQueue.DefaultName, settings);
        var ruleDeadLetterQueue = DeadLetterQueue(scope, definition.RuleDeadLetterQueue.DefaultName, settings);
        var queue = new Queue(scope, definition.Queue.DefaultName, new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            // AWS's advice for a queue that feeds Lambda: at least six times the function timeout.
            VisibilityTimeout = Duration.Seconds(consumerTimeout.ToSeconds() * 6),
            DeliveryDelay = deliveryDelay,
            DeadLetterQueue = new DeadLetterQueue { Queue = deadLetterQueue, MaxReceiveCount = definition.MaxReceiveCount },
            RemovalPolicy = settings.RemovalPolicy,
        });
        var rule = new Rule(scope, definition.Rule.DefaultName, new RuleProps
        {
            EventBus = bus,
            EventPattern = new EventPattern { Source = [.. definition.EventSources], DetailType = [.. definition.EventDetailTypes] },
            Targets = [RuleTarget(queue, ruleDeadLetterQueue)],
        });
        return new EventFlow(rule, queue, deadLetterQueue, ruleDeadLetterQueue);
    }

    /// <summary>Fourteen days, SQS's longest: time to notice the alarm, fix the cause and redrive.</summary>
    public static Queue DeadLetterQueue(Construct scope, string id, DeploySettings settings) => new(scope, id, new QueueProps
    {
        Encryption = QueueEncryption.SQS_MANAGED,
        EnforceSSL = true,
        RetentionPeriod = Duration.Days(14),
        RemovalPolicy = settings.RemovalPolicy,
    });

    // An event the rule cannot deliver (a policy change, the queue deleted or throttled) is kept, not dropped.
    private static SqsQueue RuleTarget(Queue queue, Queue ruleDeadLetterQueue) => new(queue, new SqsQueueProps
    {
        DeadLetterQueue = ruleDeadLetterQueue,
        RetryAttempts = EventQueueDefinition.RuleRetryAttempts,
        MaxEventAge = Duration.Seconds(EventQueueDefinition.RuleMaximumEventAgeSeconds),
    });
}
