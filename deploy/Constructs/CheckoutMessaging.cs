using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
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

    /// <summary>How often EventBridge retries delivering to the queue, and for how long, before the event goes to <see cref="RuleDeadLetterQueue"/>.</summary>
    public const int RuleRetryAttempts = 185;
    public const int RuleMaximumEventAgeHours = 24;

    /// <summary>Every dead-letter queue of the flow: each one's depth above zero is an alarm.</summary>
    public IReadOnlyList<Queue> DeadLetterQueues => [DeadLetterQueue, RuleDeadLetterQueue];

    /// <param name="consumerTimeout">How long the consumer may hold a batch; the queue hides a message six times as long.</param>
    public CheckoutMessaging(Construct scope, string id, DeploySettings settings, Duration consumerTimeout)
        : base(scope, id)
    {
        // Construct ids come from the catalogue; the physical names are generated per stack.
        Bus = new EventBus(this, ResourceCatalog.EventBusName);

        DeadLetterQueue = NewDeadLetterQueue(ResourceCatalog.OrderDeadLetterQueueName, settings);
        RuleDeadLetterQueue = NewDeadLetterQueue("CheckoutRuleDLQ", settings);

        OrderQueue = new Queue(this, ResourceCatalog.OrderQueueName, new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            // AWS's advice for a queue that feeds Lambda: at least six times the function timeout.
            VisibilityTimeout = Duration.Seconds(consumerTimeout.ToSeconds() * 6),
            DeadLetterQueue = new DeadLetterQueue
            {
                Queue = DeadLetterQueue,
                MaxReceiveCount = ResourceCatalog.OrderQueueMaxReceiveCount,
            },
            RemovalPolicy = settings.RemovalPolicy,
        });

        CheckoutRule = new Rule(this, ResourceCatalog.CheckoutRuleName, new RuleProps
        {
            EventBus = Bus,
            EventPattern = new EventPattern
            {
                Source = [ResourceCatalog.CheckoutEventSource],
                DetailType = [ResourceCatalog.CheckoutEventDetailType],
            },
            // An event that cannot reach the queue (a policy change, the queue deleted or throttled) is kept, not dropped.
            Targets =
            [
                new SqsQueue(OrderQueue, new SqsQueueProps
                {
                    DeadLetterQueue = RuleDeadLetterQueue,
                    RetryAttempts = RuleRetryAttempts,
                    MaxEventAge = Duration.Hours(RuleMaximumEventAgeHours),
                }),
            ],
        });
    }

    // Fourteen days, SQS's longest: time to notice the alarm, fix the cause and redrive.
    private Queue NewDeadLetterQueue(string id, DeploySettings settings) => new(this, id, new QueueProps
    {
        Encryption = QueueEncryption.SQS_MANAGED,
        EnforceSSL = true,
        RetentionPeriod = Duration.Days(14),
        RemovalPolicy = settings.RemovalPolicy,
    });
}
