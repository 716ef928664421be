using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
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

    /// <summary>The share of API requests answered with a 5xx, in percent, over two five-minute periods in a row.</summary>
    public const int ApiServerErrorPercent = 5;

    public Topic Topic { get; }
    public IReadOnlyList<Alarm> DeadLetters { get; }
    public Alarm ConsumerErrors { get; }
    public Alarm ApiServerErrorRate { get; }
    public Alarm OldestOrderMessage { get; }

    public IReadOnlyList<Alarm> All => [.. DeadLetters, ConsumerErrors, ApiServerErrorRate, OldestOrderMessage];

    public Alarms(Construct scope, string id, DeploySettings settings, CheckoutMessaging messaging, ServiceFunctions functions, PublicApi api)
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

        DeadLetters =
        [
            NewAlarm(settings, "OrderDeadLetters",
                "Checkout events the consumer failed to turn into orders, after every receive, wait in a dead-letter queue.",
                DeadLetterDepth(messaging.DeadLetterQueue), threshold: 0),
            NewAlarm(settings, "CheckoutRuleDeadLetters",
                "Checkout events EventBridge could not deliver to the order queue, after every retry, wait in a dead-letter queue.",
                DeadLetterDepth(messaging.RuleDeadLetterQueue), threshold: 0),
        ];

        ConsumerErrors = NewAlarm(settings, "ConsumerErrors",
            "The order consumer failed an invocation (a non-2xx from /events, a crash or a timeout): the batch goes back to the queue.",
            functions.OrderingConsumer.MetricErrors(new MetricOptions { Statistic = Stats.SUM, Period = Duration.Minutes(5) }),
            threshold: 0);

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
    }

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
