using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace Ecommerce.Deploy.Constructs;

/// <summary>One CloudWatch dashboard with the flows from checkout to a Confirmed order, top to bottom.</summary>
public sealed class OperationsDashboard : Construct
{
    /// <summary>p99 and p50 latency per route, from the API's access log lines.</summary>
    public const string LatencyByRouteQuery =
        "filter ispresent(responseLatency) | stats pct(responseLatency, 99) as p99, pct(responseLatency, 50) as p50, count(*) as requests by routeKey | sort p99 desc";

    /// <summary>Cold starts and their init time per function, from Lambda's REPORT lines.</summary>
    public const string ColdStartQuery =
        "filter @type = \"REPORT\" and ispresent(@initDuration) | stats count(*) as coldStarts, pct(@initDuration, 50) as initP50, pct(@initDuration, 99) as initP99 by @log";

    public Dashboard Dashboard { get; }

    public OperationsDashboard(
        Construct scope,
        string id,
        DeploySettings settings,
        FlowMetrics metrics,
        Alarms alarms,
        CheckoutMessaging messaging,
        CatalogueMessaging catalogue,
        SagaMessaging saga,
        ServiceFunctions functions,
        PublicApi api)
        : base(scope, id)
    {
        var minute = Duration.Minutes(1);
        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            // Dashboard names are global to the account, so the region keeps two regions' stages apart.
            DashboardName = settings.StackName + "-" + Aws.REGION,
            DefaultInterval = Duration.Hours(3),
        });

        Dashboard.AddWidgets(
            new AlarmStatusWidget(new AlarmStatusWidgetProps { Title = "Alarms", Alarms = [.. alarms.All], Width = 24, Height = 3 }));

        Dashboard.AddWidgets(
            Graph("Checkouts published and orders stored, per minute", 12,
                metrics.CheckoutsPublished.With(new MetricOptions { Label = "checkouts published" }),
                metrics.OrdersStored.With(new MetricOptions { Label = "orders stored" })),
            Graph("Order queue: messages waiting and in flight", 6,
                messaging.OrderQueue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Statistic = Stats.MAXIMUM, Period = minute, Label = "waiting" }),
                messaging.OrderQueue.MetricApproximateNumberOfMessagesNotVisible(new MetricOptions { Statistic = Stats.MAXIMUM, Period = minute, Label = "in flight" })),
            Graph("Oldest order message (s) and dead letters", 6,
                [
                    messaging.OrderQueue.MetricApproximateAgeOfOldestMessage(new MetricOptions { Statistic = Stats.MAXIMUM, Period = minute, Label = "oldest message, s" }),
                    .. messaging.DeadLetterQueues.Select(queue => queue.MetricApproximateNumberOfMessagesVisible(
                        new MetricOptions { Statistic = Stats.MAXIMUM, Period = minute, Label = "dead letters: " + queue.Node.Id })),
                ]));

        // The catalogue flow in SQS's and Lambda's own numbers: every change the rule delivered, and every one Basket's consumer took off the queue.
        Dashboard.AddWidgets(
            Graph("Product changes delivered to Basket and taken into its view, per minute", 8,
                catalogue.BasketCatalogueQueue.MetricNumberOfMessagesSent(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "delivered to Basket" }),
                catalogue.BasketCatalogueQueue.MetricNumberOfMessagesDeleted(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "taken into the view" })),
            Publisher("Publisher", functions.ProductPublisher, 8),
            Graph("Catalogue consumer: invocations and errors; dead letters of the flow", 8,
                [
                    functions.BasketCatalogueConsumer.MetricInvocations(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "invocations" }),
                    functions.BasketCatalogueConsumer.MetricErrors(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "errors" }),
                    .. catalogue.DeadLetterQueues.Select(queue => queue.MetricApproximateNumberOfMessagesVisible(
                        new MetricOptions { Statistic = Stats.MAXIMUM, Period = minute, Label = "dead letters: " + queue.Node.Id })),
                ]));

        // The order's life: each hop from Submitted to Confirmed, what waits on it, and what went wrong.
        EventFlow[] hops = [saga.InventoryOrders, saga.PaymentOrders, saga.OrderSaga];
        Dashboard.AddWidgets(
            Graph("Saga queues: messages waiting", 6,
                [.. hops.Select(flow => flow.Queue.MetricApproximateNumberOfMessagesVisible(
                    new MetricOptions { Statistic = Stats.MAXIMUM, Period = minute, Label = flow.Queue.Node.Id }))]),
            Graph("Saga queues: oldest message (s)", 6,
                [.. hops.Select(flow => flow.Queue.MetricApproximateAgeOfOldestMessage(
                    new MetricOptions { Statistic = Stats.MAXIMUM, Period = minute, Label = flow.Queue.Node.Id }))]),
            Publisher("Order publisher", functions.OrderingPublisher, 6),
            Graph("Orders expired and captures failed", 6,
                metrics.OrdersExpired.With(new MetricOptions { Label = "orders expired" }),
                metrics.CaptureFailures.With(new MetricOptions { Label = "captures failed" })));

        Function[] sagaConsumers =
        [
            functions.InventoryOrderConsumer, functions.PaymentOrderConsumer, functions.OrderingSagaConsumer,
            functions.OrderingExpiryConsumer, functions.InventoryProductConsumer,
        ];
        Dashboard.AddWidgets(
            Graph("Saga consumers: invocations per minute", 8,
                [.. sagaConsumers.Select(f => f.MetricInvocations(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = f.Node.Id }))]),
            Graph("Saga consumers: errors per minute", 8,
                [.. sagaConsumers.Select(f => f.MetricErrors(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = f.Node.Id }))]),
            Graph("Dead letters of the order's life", 8,
                [.. saga.DeadLetterQueues.Select(queue => queue.MetricApproximateNumberOfMessagesVisible(
                    new MetricOptions { Statistic = Stats.MAXIMUM, Period = minute, Label = queue.Node.Id }))]));

        Dashboard.AddWidgets(
            Graph("Cold starts per minute", 8, [.. metrics.ColdStarts.Select(c => c.Value.With(new MetricOptions { Label = c.Key }))]),
            Graph("Consumer invocations, errors and throttles", 8,
                functions.OrderingConsumer.MetricInvocations(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "invocations" }),
                functions.OrderingConsumer.MetricErrors(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "errors" }),
                functions.OrderingConsumer.MetricThrottles(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "throttles" })),
            new LogQueryWidget(new LogQueryWidgetProps
            {
                Title = "Cold starts and init time (ms) per function",
                LogGroupNames = [.. functions.All.Select(function => function.LogGroup.LogGroupName)],
                QueryString = ColdStartQuery,
                View = LogQueryVisualizationType.TABLE,
                Width = 8,
            }));

        Dashboard.AddWidgets(
            Graph("API requests, 4xx and 5xx per minute", 8,
                api.HttpApi.MetricCount(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "requests" }),
                api.HttpApi.MetricClientError(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "4xx" }),
                api.HttpApi.MetricServerError(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "5xx" })),
            Graph("API latency (ms), all routes", 8,
                api.HttpApi.MetricLatency(new MetricOptions { Statistic = Stats.Percentile(99), Period = minute, Label = "p99" }),
                api.HttpApi.MetricLatency(new MetricOptions { Statistic = Stats.Percentile(50), Period = minute, Label = "p50" })),
            new LogQueryWidget(new LogQueryWidgetProps
            {
                Title = "Latency (ms) by route",
                LogGroupNames = [api.AccessLogs.LogGroupName],
                QueryString = LatencyByRouteQuery,
                View = LogQueryVisualizationType.TABLE,
                Width = 8,
            }));
    }

    // A stream publisher's invocations and errors, and how long the oldest change waited in its stream.
    private static GraphWidget Publisher(string name, Function publisher, int width)
    {
        var minute = Duration.Minutes(1);
        return new GraphWidget(new GraphWidgetProps
        {
            Title = name + ": invocations and errors; oldest change waiting in the stream (ms)",
            Left =
            [
                publisher.MetricInvocations(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "invocations" }),
                publisher.MetricErrors(new MetricOptions { Statistic = Stats.SUM, Period = minute, Label = "errors" }),
            ],
            Right = [publisher.Metric("IteratorAge", new MetricOptions { Statistic = Stats.MAXIMUM, Period = minute, Label = "oldest change, ms" })],
            Width = width,
            Height = 6,
        });
    }

    private static GraphWidget Graph(string title, int width, params IMetric[] metrics) =>
        new(new GraphWidgetProps { Title = title, Left = metrics, Width = width, Height = 6 });
}
