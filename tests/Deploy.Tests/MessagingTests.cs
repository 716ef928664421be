using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;
using Ecommerce.Deploy.Constructs;
using Ecommerce.Shared.Resources;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

/// <summary>
/// The event flows on the one bus: checkouts to Ordering, product changes to Basket's view and to Inventory, and the
/// order's life between Ordering, Inventory and Payment.
/// </summary>
[Collection(UsesSynthesizedStacks.Name)]
public sealed class MessagingTests(SynthesizedStacks stacks)
{
    public static TheoryData<string> Flows => new() { "checkout", "catalogue", "inventory-products", "inventory-orders", "payment-orders", "order-saga", "order-expiry" };

    private SynthesizedStack Dev => stacks.Dev;

    [Theory]
    [MemberData(nameof(Flows))]
    public void Each_rule_on_the_stack_bus_has_the_catalogue_pattern_and_targets_only_its_queue(string name)
    {
        var flow = FlowOf(name);
        var rule = Dev.Properties(flow.Rule);

        AssertIs(Ref(Dev.LogicalId(Dev.Stack.Messaging.Bus)), rule.GetProperty("EventBusName"));
        AssertIs(flow.Pattern, rule.GetProperty("EventPattern"));
        var target = Assert.Single(rule.GetProperty("Targets").EnumerateArray());
        AssertIs(GetArn(Dev.LogicalId(flow.Queue)), target.GetProperty("Arn"));
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public void An_event_a_rule_cannot_deliver_is_retried_for_a_day_and_then_kept_in_the_rule_s_own_dead_letter_queue(string name)
    {
        var flow = FlowOf(name);
        var target = Dev.Properties(flow.Rule).GetProperty("Targets")[0];

        AssertIs(GetArn(Dev.LogicalId(flow.RuleDeadLetterQueue)), target.GetProperty("DeadLetterConfig").GetProperty("Arn"));
        Assert.Equal(185, target.GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(24 * 3600, target.GetProperty("RetryPolicy").GetProperty("MaximumEventAgeInSeconds").GetInt32());
        Assert.NotEqual(Dev.LogicalId(flow.DeadLetterQueue), Dev.LogicalId(flow.RuleDeadLetterQueue));
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public void Each_queue_redrives_to_its_dead_letter_queue_after_the_catalogue_receive_count(string name)
    {
        var flow = FlowOf(name);
        var redrive = Dev.Properties(flow.Queue).GetProperty("RedrivePolicy");

        Assert.Equal(flow.MaxReceiveCount, redrive.GetProperty("maxReceiveCount").GetInt32());
        // AWS's advice for a queue that feeds Lambda: a throttled or failed batch is no poison message yet.
        Assert.True(flow.MaxReceiveCount >= 5);
        AssertIs(GetArn(Dev.LogicalId(flow.DeadLetterQueue)), redrive.GetProperty("deadLetterTargetArn"));
        Assert.False(Dev.Properties(flow.DeadLetterQueue).TryGetProperty("RedrivePolicy", out _));
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public void Each_queue_hides_a_message_at_least_six_times_as_long_as_its_consumer_may_run(string name)
    {
        var flow = FlowOf(name);
        var visibility = Dev.Properties(flow.Queue).GetProperty("VisibilityTimeout").GetInt32();
        var consumerTimeout = Dev.Properties(flow.Consumer).GetProperty("Timeout").GetInt32();

        Assert.Equal(ServiceFunctions.ConsumerTimeoutSeconds, consumerTimeout);
        Assert.True(visibility >= 6 * consumerTimeout, $"visibility {visibility}s < 6 x {consumerTimeout}s");
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public void Only_its_rule_may_send_to_a_queue_and_to_the_rule_s_dead_letter_queue(string name)
    {
        var flow = FlowOf(name);
        foreach (var queue in new[] { flow.Queue, flow.RuleDeadLetterQueue })
        {
            var send = Assert.Single(Dev.QueuePolicy(queue).GetProperty("Statement").EnumerateArray(), s => s.GetProperty("Effect").GetString() == "Allow");
            Assert.Equal("events.amazonaws.com", send.GetProperty("Principal").GetProperty("Service").GetString());
            Assert.Contains("sqs:SendMessage", send.GetProperty("Action").OneOrMany().Select(a => a.GetString()));
            AssertIs(GetArn(Dev.LogicalId(flow.Rule)), send.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn"));
        }
    }

    [Fact]
    public void Every_queue_is_encrypted_at_rest_and_refuses_plain_http()
    {
        // Seven consumed queues, a dead-letter queue for each and for each rule, and one for each of the two streams.
        stacks.Dev.Template.ResourceCountIs("AWS::SQS::Queue", 7 + (7 * 2) + 2);
        foreach (var stack in stacks.Both)
        {
            stack.Template.AllResourcesProperties("AWS::SQS::Queue", new Dictionary<string, object> { ["SqsManagedSseEnabled"] = true });
            foreach (var (_, policy) in stack.Resources("AWS::SQS::QueuePolicy"))
            {
                Assert.Contains(policy.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray(), statement =>
                    statement.GetProperty("Effect").GetString() == "Deny"
                    && statement.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString() == "false");
            }
        }
    }

    [Fact]
    public void The_expiry_queue_holds_every_submitted_order_for_the_expiry_from_context_and_no_other_queue_delays()
    {
        var dev = Dev.Properties(Dev.Stack.Saga.OrderExpiry.Queue);
        Assert.Equal(DeploySettings.DefaultOrderExpirySeconds, dev.GetProperty("DelaySeconds").GetInt32());
        Assert.Equal(900, DeploySettings.DefaultOrderExpirySeconds);

        var prod = stacks.Prod.Properties(stacks.Prod.Stack.Saga.OrderExpiry.Queue);
        Assert.Equal(SynthesizedStacks.ProductionOrderExpirySeconds, prod.GetProperty("DelaySeconds").GetInt32());

        var delayed = Dev.Resources("AWS::SQS::Queue").Where(q => q.Resource.GetProperty("Properties").TryGetProperty("DelaySeconds", out _)).Select(q => q.Id);
        Assert.Equal([Dev.LogicalId(Dev.Stack.Saga.OrderExpiry.Queue)], delayed);
    }

    [Fact]
    public void The_saga_rules_send_each_service_only_the_steps_it_acts_on()
    {
        string[] DetailTypes(Rule rule) => Dev.Properties(rule).GetProperty("EventPattern").Strings("detail-type");
        var saga = Dev.Stack.Saga;

        Assert.Equal(["OrderCancelled", "OrderShipped", "OrderSubmitted"], DetailTypes(saga.InventoryOrders.Rule).Order());
        Assert.Equal(["OrderCancelled", "OrderShipped", "OrderStockReserved"], DetailTypes(saga.PaymentOrders.Rule).Order());
        Assert.Equal(["OrderSubmitted"], DetailTypes(saga.OrderExpiry.Rule));
        Assert.Equal(["com.swn.inventory", "com.swn.payment"], Dev.Properties(saga.OrderSaga.Rule).GetProperty("EventPattern").Strings("source").Order());
        // Inventory hears product changes on a rule of its own, so Basket's view and Inventory each keep their own dead letters.
        AssertIs(Dev.Properties(Dev.Stack.Catalogue.ProductChangedRule).GetProperty("EventPattern").GetRawText(), Dev.Properties(saga.InventoryProducts.Rule).GetProperty("EventPattern"));
    }

    [Fact]
    public void No_queue_or_bus_has_a_catalogue_name_that_two_stages_would_fight_over()
    {
        foreach (var stack in stacks.Both)
        {
            Assert.All(stack.Resources("AWS::SQS::Queue"), q => Assert.False(q.Resource.GetProperty("Properties").TryGetProperty("QueueName", out _)));
            Assert.All(stack.Resources("AWS::Events::Rule"), r => Assert.False(r.Resource.GetProperty("Properties").TryGetProperty("Name", out _)));
            var bus = Assert.Single(stack.Resources("AWS::Events::EventBus"));
            var busName = bus.Resource.GetProperty("Properties").GetProperty("Name").GetString()!;
            Assert.NotEqual(ResourceDefinitions.EventBus.DefaultName, busName);
            Assert.StartsWith(stack.Stack.StackName.Replace("-", "", StringComparison.Ordinal), busName, StringComparison.Ordinal);
        }
    }

    private sealed record Flow(Rule Rule, string Pattern, Queue Queue, Queue DeadLetterQueue, Queue RuleDeadLetterQueue, int MaxReceiveCount, Function Consumer)
    {
        public Flow(EventFlow flow, EventQueueDefinition definition, Function consumer)
            : this(flow.Rule, definition.EventPattern, flow.Queue, flow.DeadLetterQueue, flow.RuleDeadLetterQueue, definition.MaxReceiveCount, consumer)
        {
        }
    }

    private Flow FlowOf(string name)
    {
        var (messaging, catalogue, saga, functions) = (Dev.Stack.Messaging, Dev.Stack.Catalogue, Dev.Stack.Saga, Dev.Stack.Functions);
        return name switch
        {
            "checkout" => new Flow(
                messaging.CheckoutRule, ResourceDefinitions.CheckoutEvents.EventPattern, messaging.OrderQueue, messaging.DeadLetterQueue,
                messaging.RuleDeadLetterQueue, ResourceDefinitions.CheckoutEvents.MaxReceiveCount, functions.OrderingConsumer),
            "catalogue" => new Flow(
                catalogue.ProductChangedRule, ResourceDefinitions.ProductChangedEvents.EventPattern, catalogue.BasketCatalogueQueue, catalogue.DeadLetterQueue,
                catalogue.RuleDeadLetterQueue, ResourceDefinitions.ProductChangedEvents.MaxReceiveCount, functions.BasketCatalogueConsumer),
            "inventory-products" => new Flow(saga.InventoryProducts, ResourceDefinitions.InventoryProductEvents, functions.InventoryProductConsumer),
            "inventory-orders" => new Flow(saga.InventoryOrders, ResourceDefinitions.InventoryOrderEvents, functions.InventoryOrderConsumer),
            "payment-orders" => new Flow(saga.PaymentOrders, ResourceDefinitions.PaymentOrderEvents, functions.PaymentOrderConsumer),
            "order-saga" => new Flow(saga.OrderSaga, ResourceDefinitions.OrderSagaEvents, functions.OrderingSagaConsumer),
            "order-expiry" => new Flow(saga.OrderExpiry, ResourceDefinitions.OrderExpiryEvents, functions.OrderingExpiryConsumer),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
