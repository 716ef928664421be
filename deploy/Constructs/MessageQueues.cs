using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace Ecommerce.Deploy.Constructs;

/// <summary>The construct ids of an event flow's rule and queues; the physical names are generated per stack.</summary>
public sealed record EventFlowIds(string Rule, string Queue, string DeadLetterQueue, string RuleDeadLetterQueue);

/// <summary>An event flow's rule, the queue it delivers to, and their two dead-letter queues.</summary>
public sealed record EventFlow(Rule Rule, Queue Queue, Queue DeadLetterQueue, Queue RuleDeadLetterQueue);

/// <summary>The queues of an event flow, made one way: a rule delivers to a queue a Lambda consumer reads, each with a dead-letter queue.</summary>
public static class MessageQueues
{
    /// <summary>
    /// A rule on <paramref name="bus"/> that delivers what <paramref name="pattern"/> matches to a queue a Lambda
    /// consumer reads, which moves a message to its dead-letter queue after <paramref name="maxReceiveCount"/> receives.
    /// </summary>
    public static EventFlow RuleToQueue(
        Construct scope,
        EventFlowIds ids,
        IEventBus bus,
        EventPattern pattern,
        int maxReceiveCount,
        Duration consumerTimeout,
        DeploySettings settings)
    {
        var deadLetterQueue = DeadLetterQueue(scope, ids.DeadLetterQueue, settings);
        var ruleDeadLetterQueue = DeadLetterQueue(scope, ids.RuleDeadLetterQueue, settings);
        var queue = ConsumedQueue(scope, ids.Queue, deadLetterQueue, maxReceiveCount, consumerTimeout, settings);
        var rule = new Rule(scope, ids.Rule, new RuleProps
        {
            EventBus = bus,
            EventPattern = pattern,
            Targets = [RuleTarget(queue, ruleDeadLetterQueue)],
        });
        return new EventFlow(rule, queue, deadLetterQueue, ruleDeadLetterQueue);
    }

    /// <summary>How often EventBridge retries delivering to a queue, and for how long, before the event goes to the rule's dead-letter queue.</summary>
    public const int RuleRetryAttempts = 185;
    public const int RuleMaximumEventAgeHours = 24;

    /// <summary>Fourteen days, SQS's longest: time to notice the alarm, fix the cause and redrive.</summary>
    public static Queue DeadLetterQueue(Construct scope, string id, DeploySettings settings) => new(scope, id, new QueueProps
    {
        Encryption = QueueEncryption.SQS_MANAGED,
        EnforceSSL = true,
        RetentionPeriod = Duration.Days(14),
        RemovalPolicy = settings.RemovalPolicy,
    });

    private static Queue ConsumedQueue(
        Construct scope, string id, Queue deadLetterQueue, int maxReceiveCount, Duration consumerTimeout, DeploySettings settings) =>
        new(scope, id, new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            // AWS's advice for a queue that feeds Lambda: at least six times the function timeout.
            VisibilityTimeout = Duration.Seconds(consumerTimeout.ToSeconds() * 6),
            DeadLetterQueue = new DeadLetterQueue { Queue = deadLetterQueue, MaxReceiveCount = maxReceiveCount },
            RemovalPolicy = settings.RemovalPolicy,
        });

    // An event the rule cannot deliver (a policy change, the queue deleted or throttled) is kept, not dropped.
    private static SqsQueue RuleTarget(Queue queue, Queue ruleDeadLetterQueue) => new(queue, new SqsQueueProps
    {
        DeadLetterQueue = ruleDeadLetterQueue,
        RetryAttempts = RuleRetryAttempts,
        MaxEventAge = Duration.Hours(RuleMaximumEventAgeHours),
    });
}
