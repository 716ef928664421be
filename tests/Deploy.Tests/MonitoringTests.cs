using System.Text.Json;
using Ecommerce.Deploy.Constructs;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class MonitoringTests(SynthesizedStacks stacks)
{
    private SynthesizedStack Dev => stacks.Dev;

    [Fact]
    public void Every_dead_letter_queue_alarms_as_soon_as_it_holds_a_message()
    {
        var queues = Dev.Stack.Messaging.DeadLetterQueues.Concat(Dev.Stack.Catalogue.DeadLetterQueues).Concat(Dev.Stack.Saga.DeadLetterQueues).ToList();
        Assert.Equal(16, queues.Count);
        // Every queue but the seven that consumers read.
        Assert.Equal(Dev.Resources("AWS::SQS::Queue").Count() - 7, queues.Count);

        foreach (var queue in queues)
        {
            var alarm = Assert.Single(AlarmsOn("ApproximateNumberOfMessagesVisible", QueueName(queue)));
            Assert.Equal("GreaterThanThreshold", alarm.GetProperty("ComparisonOperator").GetString());
            Assert.Equal(0, alarm.GetProperty("Threshold").GetDouble());
            Assert.Equal(60, alarm.GetProperty("Period").GetInt32());
        }
    }

    [Fact]
    public void A_failed_invocation_of_any_consumer_alarms()
    {
        Assert.Equal(9, Dev.Stack.Functions.Consumers.Count);
        foreach (var consumer in Dev.Stack.Functions.Consumers)
        {
            var alarm = Assert.Single(AlarmsOn("Errors", Ref(Dev.LogicalId(consumer))));

            Assert.Equal("AWS/Lambda", alarm.GetProperty("Namespace").GetString());
            Assert.Equal("Sum", alarm.GetProperty("Statistic").GetString());
            Assert.Equal(0, alarm.GetProperty("Threshold").GetDouble());
        }
    }

    [Fact]
    public void A_product_or_order_change_waiting_in_its_stream_for_five_minutes_alarms()
    {
        foreach (var publisher in new[] { Dev.Stack.Functions.ProductPublisher, Dev.Stack.Functions.OrderingPublisher })
        {
            var alarm = Assert.Single(AlarmsOn("IteratorAge", Ref(Dev.LogicalId(publisher))));

            Assert.Equal("AWS/Lambda", alarm.GetProperty("Namespace").GetString());
            Assert.Equal("Maximum", alarm.GetProperty("Statistic").GetString());
            // Lambda reports the iterator age in milliseconds.
            Assert.Equal(300_000, alarm.GetProperty("Threshold").GetDouble());
        }
    }

    [Fact]
    public void Orders_stuck_before_confirmed_alarm_when_a_saga_message_waits_five_minutes_or_an_order_expires()
    {
        var saga = Dev.Stack.Saga;
        foreach (var queue in new[] { saga.InventoryOrders.Queue, saga.PaymentOrders.Queue, saga.OrderSaga.Queue })
        {
            var age = Assert.Single(AlarmsOn("ApproximateAgeOfOldestMessage", QueueName(queue)));
            Assert.Equal("Maximum", age.GetProperty("Statistic").GetString());
            Assert.Equal(Alarms.OldestSagaMessageSeconds, age.GetProperty("Threshold").GetDouble());
            Assert.True(Alarms.OldestSagaMessageSeconds < DeploySettings.DefaultOrderExpirySeconds, "The alarm must fire before the orders expire.");
        }

        var expired = Dev.Properties(Dev.Stack.Alarms.OrdersExpired);
        Assert.Equal("OrdersExpired", expired.GetProperty("MetricName").GetString());
        Assert.Equal("Sum", expired.GetProperty("Statistic").GetString());
        Assert.Equal(0, expired.GetProperty("Threshold").GetDouble());
    }

    [Fact]
    public void A_capture_the_provider_refused_alarms_at_once()
    {
        var alarm = Dev.Properties(Dev.Stack.Alarms.PaymentCaptureFailed);

        Assert.Equal("PaymentCaptureFailures", alarm.GetProperty("MetricName").GetString());
        Assert.Equal("Ecommerce/dev", alarm.GetProperty("Namespace").GetString());
        Assert.Equal("Sum", alarm.GetProperty("Statistic").GetString());
        Assert.Equal(0, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal("GreaterThanThreshold", alarm.GetProperty("ComparisonOperator").GetString());
    }

    [Fact]
    public void A_5xx_rate_above_the_threshold_for_ten_minutes_alarms()
    {
        var alarm = Dev.Properties(Dev.Stack.Alarms.ApiServerErrorRate);
        var queries = alarm.GetProperty("Metrics").EnumerateArray().ToList();

        var expression = Assert.Single(queries, q => q.TryGetProperty("Expression", out _));
        Assert.Equal("100 * errors / requests", expression.GetProperty("Expression").GetString());
        var api = Ref(Dev.LogicalId(Dev.Stack.Api.HttpApi));
        Assert.Equal("5xx", MetricOf(queries, "errors").GetProperty("MetricName").GetString());
        Assert.Equal("Count", MetricOf(queries, "requests").GetProperty("MetricName").GetString());
        AssertIs(api, MetricOf(queries, "errors").GetProperty("Dimensions")[0].GetProperty("Value"));
        AssertIs(api, MetricOf(queries, "requests").GetProperty("Dimensions")[0].GetProperty("Value"));

        Assert.Equal(Alarms.ApiServerErrorPercent, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal(2, alarm.GetProperty("DatapointsToAlarm").GetInt32());
        Assert.All(queries.Where(q => q.TryGetProperty("MetricStat", out _)), q => Assert.Equal(300, q.GetProperty("MetricStat").GetProperty("Period").GetInt32()));
    }

    [Fact]
    public void An_order_message_older_than_five_minutes_alarms()
    {
        var alarm = Assert.Single(AlarmsOn("ApproximateAgeOfOldestMessage", QueueName(Dev.Stack.Messaging.OrderQueue)));

        Assert.Equal("Maximum", alarm.GetProperty("Statistic").GetString());
        Assert.Equal(300, alarm.GetProperty("Threshold").GetDouble());
    }

    [Fact]
    public void Every_alarm_notifies_the_one_topic_when_it_fires_and_when_it_clears()
    {
        var topic = Ref(Dev.LogicalId(Dev.Stack.Alarms.Topic));
        var alarms = Dev.Resources("AWS::CloudWatch::Alarm").ToList();

        // 16 dead-letter queues, 9 consumers, the API's 5xx rate, the order queue's and both streams' age, 3 saga queues' age,
        // expired orders and failed captures.
        Assert.Equal(34, alarms.Count);
        Assert.Equal(alarms.Count, Dev.Stack.Alarms.All.Count);
        foreach (var (id, alarm) in alarms)
        {
            var properties = alarm.GetProperty("Properties");
            AssertIs(topic, Assert.Single(properties.GetProperty("AlarmActions").EnumerateArray()));
            AssertIs(topic, Assert.Single(properties.GetProperty("OKActions").EnumerateArray()));
            Assert.Contains("docs/operations.md", properties.GetProperty("AlarmDescription").GetString(), StringComparison.Ordinal);
            Assert.Equal("notBreaching", properties.GetProperty("TreatMissingData").GetString());
            Assert.StartsWith(Dev.Stack.StackName + "-", properties.GetProperty("AlarmName").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_topic_policy_lets_this_account_s_alarms_publish_over_tls_only()
    {
        var statements = Assert.Single(Dev.Resources("AWS::SNS::TopicPolicy")).Resource
            .GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();

        // A topic policy replaces SNS's default one: without this statement CloudWatch could not publish.
        var allow = Assert.Single(statements, s => s.GetProperty("Effect").GetString() == "Allow");
        Assert.Equal("cloudwatch.amazonaws.com", allow.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("sns:Publish", allow.GetProperty("Action").GetString());
        AssertIs("""{"Ref":"AWS::AccountId"}""", allow.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:SourceAccount"));
        Assert.Contains(statements, s => s.GetProperty("Effect").GetString() == "Deny"
            && s.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString() == "false");
    }

    [Fact]
    public void The_topic_mails_the_address_from_context_and_nobody_without_one()
    {
        Dev.Template.ResourceCountIs("AWS::SNS::Subscription", 0);

        var prod = stacks.Prod;
        prod.Template.ResourceCountIs("AWS::SNS::Subscription", 1);
        prod.Template.HasResourceProperties("AWS::SNS::Subscription", new Dictionary<string, object>
        {
            ["Protocol"] = "email",
            ["Endpoint"] = SynthesizedStacks.ProductionAlarmEmail,
        });
    }

    [Fact]
    public void Checkouts_and_orders_are_counted_from_the_services_log_groups_and_cold_starts_from_every_function()
    {
        var filters = Dev.Resources("AWS::Logs::MetricFilter")
            .Select(f => f.Resource.GetProperty("Properties"))
            .ToDictionary(f => f.GetProperty("MetricTransformations")[0].GetProperty("MetricName").GetString()!);
        var functions = Dev.Stack.Functions;

        AssertFilter(filters["CheckoutsPublished"], functions.Basket.LogGroup, FlowMetrics.CheckoutCategory);
        AssertFilter(filters["OrdersStored"], functions.OrderingConsumer.LogGroup, FlowMetrics.ConsumerCategory);
        AssertFilter(filters["PaymentCaptureFailures"], functions.PaymentOrderConsumer.LogGroup, FlowMetrics.CaptureFailedToken);
        AssertFilter(filters["OrdersExpired"], functions.OrderingExpiryConsumer.LogGroup, FlowMetrics.OrderExpiredToken);
        foreach (var function in functions.All)
        {
            AssertFilter(filters[function.Node.Id + "ColdStarts"], function.LogGroup, "\"" + FlowMetrics.ColdStartTerm + "\"");
        }

        Assert.Equal(4 + functions.All.Count, filters.Count);
        Assert.All(filters.Values, f => Assert.Equal("Ecommerce/dev", f.GetProperty("MetricTransformations")[0].GetProperty("MetricNamespace").GetString()));
    }

    [Fact]
    public void The_dashboard_shows_the_flow_from_checkout_to_order_and_from_product_change_to_basket()
    {
        var body = DashboardBody();
        var widgets = body.GetProperty("widgets").EnumerateArray().ToList();
        var metricNames = widgets
            .Where(w => w.GetProperty("type").GetString() == "metric" && w.GetProperty("properties").TryGetProperty("metrics", out _))
            .SelectMany(w => w.GetProperty("properties").GetProperty("metrics").EnumerateArray())
            .SelectMany(m => m.EnumerateArray().Where(part => part.ValueKind == JsonValueKind.String).Select(part => part.GetString()!))
            .ToHashSet();

        foreach (var name in new[]
        {
            "CheckoutsPublished", "OrdersStored", "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage", "Latency", "5xx",
            "NumberOfMessagesSent", "NumberOfMessagesDeleted", "IteratorAge", "PaymentCaptureFailures", "OrdersExpired", "Invocations", "Errors",
        })
        {
            Assert.Contains(name, metricNames);
        }

        Assert.All(Dev.Stack.Functions.All, function => Assert.Contains(function.Node.Id + "ColdStarts", metricNames));
        Assert.Contains(widgets, w => w.GetProperty("type").GetString() == "alarm");

        var queries = widgets.Where(w => w.GetProperty("type").GetString() == "log").Select(w => w.GetProperty("properties").GetProperty("query").GetString()!).ToList();
        Assert.Contains(queries, q => q.Contains("pct(responseLatency, 99)", StringComparison.Ordinal) && q.Contains("by routeKey", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Contains("@initDuration", StringComparison.Ordinal));
    }

    [Fact]
    public void The_stack_outputs_what_the_runbook_starts_from()
    {
        var outputs = Dev.Json.GetProperty("Outputs");
        var messaging = Dev.Stack.Messaging;

        AssertIs(GetArn(Dev.LogicalId(messaging.OrderQueue)), outputs.GetProperty("OrderQueueArn").GetProperty("Value"));
        AssertIs(GetArn(Dev.LogicalId(messaging.DeadLetterQueue)), outputs.GetProperty("OrderDeadLetterQueueArn").GetProperty("Value"));
        AssertIs(GetArn(Dev.LogicalId(messaging.RuleDeadLetterQueue)), outputs.GetProperty("CheckoutRuleDeadLetterQueueArn").GetProperty("Value"));
        var catalogue = Dev.Stack.Catalogue;
        AssertIs(GetArn(Dev.LogicalId(catalogue.BasketCatalogueQueue)), outputs.GetProperty("BasketCatalogueQueueArn").GetProperty("Value"));
        AssertIs(GetArn(Dev.LogicalId(catalogue.DeadLetterQueue)), outputs.GetProperty("BasketCatalogueDeadLetterQueueArn").GetProperty("Value"));
        AssertIs(GetArn(Dev.LogicalId(catalogue.RuleDeadLetterQueue)), outputs.GetProperty("ProductChangedRuleDeadLetterQueueArn").GetProperty("Value"));
        AssertIs(GetArn(Dev.LogicalId(catalogue.StreamDeadLetterQueue)), outputs.GetProperty("ProductStreamDeadLetterQueueArn").GetProperty("Value"));
        AssertIs($$"""{"Fn::GetAtt":["{{Dev.LogicalId(Dev.Stack.Data.Products)}}","StreamArn"]}""", outputs.GetProperty("ProductStreamArn").GetProperty("Value"));
        AssertIs(Ref(Dev.LogicalId(Dev.Stack.Alarms.Topic)), outputs.GetProperty("AlarmTopicArn").GetProperty("Value"));
        foreach (var flow in Dev.Stack.Saga.Flows)
        {
            AssertIs(GetArn(Dev.LogicalId(flow.Queue)), outputs.GetProperty(flow.Queue.Node.Id + "Arn").GetProperty("Value"));
            AssertIs(GetArn(Dev.LogicalId(flow.DeadLetterQueue)), outputs.GetProperty(flow.Queue.Node.Id + "DeadLetterQueueArn").GetProperty("Value"));
            AssertIs(GetArn(Dev.LogicalId(flow.RuleDeadLetterQueue)), outputs.GetProperty(flow.Rule.Node.Id + "DeadLetterQueueArn").GetProperty("Value"));
        }

        AssertIs(GetArn(Dev.LogicalId(Dev.Stack.Saga.OrderStreamDeadLetterQueue)), outputs.GetProperty("OrderStreamDeadLetterQueueArn").GetProperty("Value"));
        Assert.Equal("/ecommerce/stripe/secret-key", outputs.GetProperty("StripeSecretKeyParameter").GetProperty("Value").GetString());
        Assert.True(outputs.TryGetProperty("DashboardUrl", out _));
    }

    // The body is a Fn::Join of JSON text and references; the references sit inside JSON strings, so a placeholder keeps it JSON.
    private JsonElement DashboardBody()
    {
        var dashboard = Dev.Properties(Assert.Single(Dev.Resources("AWS::CloudWatch::Dashboard")).Id);
        var parts = dashboard.GetProperty("DashboardBody").GetProperty("Fn::Join")[1].EnumerateArray()
            .Select(part => part.ValueKind == JsonValueKind.String ? part.GetString() : "ref");
        using var body = JsonDocument.Parse(string.Concat(parts));
        return body.RootElement.Clone();
    }

    private IEnumerable<JsonElement> AlarmsOn(string metricName, string dimensionValueJson) =>
        Dev.Resources("AWS::CloudWatch::Alarm")
            .Select(a => a.Resource.GetProperty("Properties"))
            .Where(a => a.TryGetProperty("MetricName", out var name) && name.GetString() == metricName
                && a.GetProperty("Dimensions").EnumerateArray().Any(d => d.GetProperty("Value").Is(dimensionValueJson)));

    private static JsonElement MetricOf(List<JsonElement> queries, string id) =>
        queries.Single(q => q.GetProperty("Id").GetString() == id).GetProperty("MetricStat").GetProperty("Metric");

    private void AssertFilter(JsonElement filter, Amazon.CDK.AWS.Logs.ILogGroup logGroup, string patternPart)
    {
        AssertIs(Ref(Dev.LogicalId(logGroup)), filter.GetProperty("LogGroupName"));
        Assert.Contains(patternPart, filter.GetProperty("FilterPattern").GetString(), StringComparison.Ordinal);
    }

    private string QueueName(Amazon.CDK.AWS.SQS.IQueue queue) => $$"""{"Fn::GetAtt":["{{Dev.LogicalId(queue)}}","QueueName"]}""";
}
