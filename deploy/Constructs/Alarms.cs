using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// The alarms the runbook (docs/operations.md) explains, each sent to one SNS topic when it fires and
/// when it clears. The topic mails the address in the <c>alarmEmail</c> context value, if one is given.
/// </summary>
public sealed class Alarms : Construct
{
    /// <summary>A message waiting longer than this means orders are late: the consumer normally takes one within seconds.</summary>
    public const int OldestOrderMessageSeconds = 300;

    /// <summary>A product change older than this in the stream means Basket prices from a stale catalogue: the publisher normally takes it within seconds.</summary>
    public const int OldestProductChangeSeconds = 300;

    /// <summary>
    /// An order event or an answer waiting longer than this on a hop from checkout to Confirmed means orders are stuck before
    /// Confirmed: each consumer normally takes one within a second, and the order expires after the expiry time.
    /// </summary>
    public const int OldestSagaMessageSeconds = 300;

    /// <summary>An order change older than this in the stream means the order's events are late: the publisher normally takes it within a second.</summary>
    public const int OldestOrderChangeSeconds = 300;

    /// <summary>The share of API requests answered with a 5xx, in percent, over two five-minute periods in a row.</summary>
    public const int ApiServerErrorPercent = 5;

    public Topic Topic { get; }
    public IReadOnlyList<Alarm> DeadLetters { get; }

    /// <summary>One alarm per function fed by an event source.</summary>
    public IReadOnlyList<Alarm> ConsumerErrors { get; }

    public Alarm ApiServerErrorRate { get; }
    public Alarm OldestOrderMessage { get; }
    public Alarm OldestProductChange { get; }
    public Alarm OldestOrderChange { get; }

    /// <summary>Orders stuck before Confirmed: a message too old on a hop of the saga, one alarm per queue.</summary>
    public IReadOnlyList<Alarm> OldestSagaMessages { get; }

    /// <summary>An order expired: it was not Confirmed in time, so some hop failed to move it on.</summary>
    public Alarm OrdersExpired { get; }

    /// <summary>The provider refused to capture a shipped order's money (payment <c>CaptureFailed</c>).</summary>
    public Alarm PaymentCaptureFailed { get; }

    public IReadOnlyList<Alarm> All =>
    [
        .. DeadLetters, .. ConsumerErrors, ApiServerErrorRate, OldestOrderMessage, OldestProductChange, OldestOrderChange,
        .. OldestSagaMessages, OrdersExpired, PaymentCaptureFailed,
    ];

    public Alarms(
        Construct scope,
        string id,
        DeploySettings settings,
        FlowMetrics metrics,
        CheckoutMessaging messaging,
        CatalogueMessaging catalogue,
        SagaMessaging saga,
        ServiceFunctions functions,
        PublicApi api)
        : base(scope, id)
    {
        // Not encrypted: CloudWatch cannot publish to a topic under SNS's AWS-managed key, and alarms carry no secrets.
        Topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = settings.StackName + " alarms",
            EnforceSSL = true,
        });
        // A topic policy replaces SNS's default one, so it must let this account's alarms publish.
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{Aws.PARTITION}:cloudwatch:{Aws.REGION}:{Aws.ACCOUNT_ID}:alarm:*" },
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Aws.ACCOUNT_ID },
            },
        }));
        if (settings.AlarmEmail is { } email)
        {
            Topic.AddSubscription(new EmailSubscription(email));
        }

        (string Name, Queue Queue, string Meaning)[] deadLetterQueues =
        [
            ("OrderDeadLetters", messaging.DeadLetterQueue,
                "Checkout events the consumer failed to turn into orders, after every receive, wait in a dead-letter queue."),
            ("CheckoutRuleDeadLetters", messaging.RuleDeadLetterQueue,
                "Checkout events EventBridge could not deliver to the order queue, after every retry, wait in a dead-letter queue."),
            ("ProductStreamDeadLetters", catalogue.StreamDeadLetterQueue,
                "Batches of product changes the publisher failed after every retry are recorded in a dead-letter queue: Basket may price from a stale catalogue."),
            ("ProductChangedRuleDeadLetters", catalogue.RuleDeadLetterQueue,
                "Product changes EventBridge could not deliver to Basket's queue, after every retry, wait in a dead-letter queue."),
            ("CatalogueDeadLetters", catalogue.DeadLetterQueue,
                "Product changes Basket's catalogue consumer failed to apply, after every receive, wait in a dead-letter queue."),
            ("OrderStreamDeadLetters", saga.OrderStreamDeadLetterQueue,
                "Batches of order changes Ordering's publisher failed after every retry are recorded in a dead-letter queue: those orders' events were not published."),
            .. SagaDeadLetterQueues(saga),
        ];
        DeadLetters = [.. deadLetterQueues.Select(dlq => NewAlarm(settings, dlq.Name, dlq.Meaning, DeadLetterDepth(dlq.Queue), threshold: 0))];

        (string Name, Function Consumer, string Meaning)[] consumers =
        [
            ("ConsumerErrors", functions.OrderingConsumer,
                "The order consumer failed an invocation (a non-2xx from /events, a crash or a timeout): the batch goes back to the queue."),
            ("PublisherErrors", functions.ProductPublisher,
                "The product publisher failed an invocation (a non-2xx from /events, a crash or a timeout): Lambda retries the batch from the stream."),
            ("CatalogueConsumerErrors", functions.BasketCatalogueConsumer,
                "Basket's catalogue consumer failed an invocation (a non-2xx from /events, a crash or a timeout): the batch goes back to the queue."),
            ("SagaConsumerErrors", functions.OrderingSagaConsumer,
                "Ordering's saga consumer failed an invocation: Inventory's and Payment's answers go back to the queue, and orders wait."),
            ("ExpiryConsumerErrors", functions.OrderingExpiryConsumer,
                "Ordering's expiry consumer failed an invocation (an expiry that arrived early is one too): the batch goes back to the queue."),
            ("OrderPublisherErrors", functions.OrderingPublisher,
                "Ordering's publisher failed an invocation: Lambda retries the batch of order changes from the stream."),
            ("InventoryProductConsumerErrors", functions.InventoryProductConsumer,
                "Inventory's product consumer failed an invocation: the batch of product changes goes back to the queue."),
            ("InventoryOrderConsumerErrors", functions.InventoryOrderConsumer,
                "Inventory's order consumer failed an invocation (a release that met another worker mid-way is one too): the batch goes back to the queue."),
            ("PaymentOrderConsumerErrors", functions.PaymentOrderConsumer,
                "Payment's order consumer failed an invocation (the provider down or slow is one): the batch goes back to the queue."),
        ];
        ConsumerErrors =
        [
            .. consumers.Select(consumer => NewAlarm(settings, consumer.Name, consumer.Meaning,
                consumer.Consumer.MetricErrors(new MetricOptions { Statistic = Stats.SUM, Period = Duration.Minutes(5) }), threshold: 0)),
        ];

        ApiServerErrorRate = NewAlarm(settings, "ApiServerErrorRate",
            $"More than {ApiServerErrorPercent}% of API requests answered 5xx for ten minutes.",
            new MathExpression(new MathExpressionProps
            {
                Expression = "100 * errors / requests",
                Label = "5xx, % of requests",
                UsingMetrics = new Dictionary<string, IMetric>
                {
                    ["errors"] = api.HttpApi.MetricServerError(new MetricOptions { Statistic = Stats.SUM }),
                    ["requests"] = api.HttpApi.MetricCount(new MetricOptions { Statistic = Stats.SUM }),
                },
                Period = Duration.Minutes(5),
            }),
            threshold: ApiServerErrorPercent,
            periods: 2);

        OldestOrderMessage = NewAlarm(settings, "OldestOrderMessage",
            $"A checkout event has waited in the order queue for more than {OldestOrderMessageSeconds} seconds: orders are late.",
            messaging.OrderQueue.MetricApproximateAgeOfOldestMessage(new MetricOptions { Statistic = Stats.MAXIMUM, Period = Duration.Minutes(1) }),
            threshold: OldestOrderMessageSeconds);

        // For a stream, Lambda reports per batch how long its last record had waited, in milliseconds.
        OldestProductChange = NewAlarm(settings, "OldestProductChange",
            $"A product change has waited in the table's stream for more than {OldestProductChangeSeconds} seconds: Basket prices from a stale catalogue.",
            IteratorAge(functions.ProductPublisher),
            threshold: OldestProductChangeSeconds * 1000);

        OldestOrderChange = NewAlarm(settings, "OldestOrderChange",
            $"An order change has waited in the order table's stream for more than {OldestOrderChangeSeconds} seconds: Inventory and Payment hear of orders late.",
            IteratorAge(functions.OrderingPublisher),
            threshold: OldestOrderChangeSeconds * 1000);

        (string Name, EventFlow Flow, string Hop)[] sagaHops =
        [
            ("OldestInventoryOrderMessage", saga.InventoryOrders, "Inventory's order queue"),
            ("OldestPaymentOrderMessage", saga.PaymentOrders, "Payment's order queue"),
            ("OldestSagaAnswer", saga.OrderSaga, "Ordering's saga queue"),
        ];
        OldestSagaMessages =
        [
            .. sagaHops.Select(hop => NewAlarm(settings, hop.Name,
                $"A message has waited in {hop.Hop} for more than {OldestSagaMessageSeconds} seconds: orders are stuck before Confirmed and will expire.",
                hop.Flow.Queue.MetricApproximateAgeOfOldestMessage(new MetricOptions { Statistic = Stats.MAXIMUM, Period = Duration.Minutes(1) }),
                threshold: OldestSagaMessageSeconds)),
        ];

        // A healthy saga confirms an order within seconds, so any expiry means a hop stopped moving orders on.
        OrdersExpired = NewAlarm(settings, "OrdersExpired",
            "An order was cancelled as Expired: it was not Confirmed in time, so stock, payment or the answers back stopped moving orders on.",
            metrics.OrdersExpired.With(new MetricOptions { Period = Duration.Minutes(5) }),
            threshold: 0);

        PaymentCaptureFailed = NewAlarm(settings, "PaymentCaptureFailed",
            "The provider refused to capture a shipped order's money (payment CaptureFailed): reconcile the order with the provider.",
            metrics.CaptureFailures.With(new MetricOptions { Period = Duration.Minutes(5) }),
            threshold: 0);
    }

    // Each saga flow's queue and rule keep what they could not hand on; what waits there is named by the flow's events.
    private static IEnumerable<(string Name, Queue Queue, string Meaning)> SagaDeadLetterQueues(SagaMessaging saga) =>
        saga.Flows.SelectMany(flow =>
        {
            var queue = flow.Queue.Node.Id;
            return new[]
            {
                (queue + "DeadLetters", flow.DeadLetterQueue,
                    $"Events the consumer of {queue} failed to handle, after every receive, wait in a dead-letter queue."),
                (flow.Rule.Node.Id + "DeadLetters", flow.RuleDeadLetterQueue,
                    $"Events EventBridge could not deliver to {queue}, after every retry, wait in a dead-letter queue."),
            };
        });

    private static Metric IteratorAge(Function publisher) =>
        publisher.Metric("IteratorAge", new MetricOptions { Statistic = Stats.MAXIMUM, Period = Duration.Minutes(1) });

    private static Metric DeadLetterDepth(Queue queue) =>
        queue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Statistic = Stats.MAXIMUM, Period = Duration.Minutes(1) });

    // Above the threshold in every one of the periods; no data (no traffic) is no alarm.
    private Alarm NewAlarm(DeploySettings settings, string name, string meaning, IMetric metric, double threshold, int periods = 1)
    {
        var alarm = new Alarm(this, name, new AlarmProps
        {
            AlarmName = settings.StackName + "-" + name,
            AlarmDescription = meaning + " Runbook: docs/operations.md",
            Metric = metric,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            Threshold = threshold,
            EvaluationPeriods = periods,
            DatapointsToAlarm = periods,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        var action = new SnsAction(Topic);
        alarm.AddAlarmAction(action);
        alarm.AddOkAction(action);
        return alarm;
    }
}
