using Ecommerce.Deploy.Constructs;
using Ecommerce.Shared.Resources;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class CheckoutMessagingTests(SynthesizedStacks stacks)
{
    private SynthesizedStack Dev => stacks.Dev;

    [Fact]
    public void The_checkout_rule_on_the_stack_bus_has_the_catalogue_pattern_and_targets_only_the_order_queue()
    {
        var rule = Dev.Properties(Dev.Stack.Messaging.CheckoutRule);

        AssertIs(Ref(Dev.LogicalId(Dev.Stack.Messaging.Bus)), rule.GetProperty("EventBusName"));
        AssertIs(ResourceCatalog.CheckoutEventPattern, rule.GetProperty("EventPattern"));
        var target = Assert.Single(rule.GetProperty("Targets").EnumerateArray());
        AssertIs(GetArn(Dev.LogicalId(Dev.Stack.Messaging.OrderQueue)), target.GetProperty("Arn"));
    }

    [Fact]
    public void An_event_the_rule_cannot_deliver_is_retried_for_a_day_and_then_kept_in_its_own_dead_letter_queue()
    {
        var target = Dev.Properties(Dev.Stack.Messaging.CheckoutRule).GetProperty("Targets")[0];

        AssertIs(GetArn(Dev.LogicalId(Dev.Stack.Messaging.RuleDeadLetterQueue)), target.GetProperty("DeadLetterConfig").GetProperty("Arn"));
        Assert.Equal(185, target.GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(24 * 3600, target.GetProperty("RetryPolicy").GetProperty("MaximumEventAgeInSeconds").GetInt32());
        Assert.NotEqual(Dev.LogicalId(Dev.Stack.Messaging.DeadLetterQueue), Dev.LogicalId(Dev.Stack.Messaging.RuleDeadLetterQueue));
    }

    [Fact]
    public void The_order_queue_redrives_to_its_dead_letter_queue_after_the_catalogue_receive_count()
    {
        var redrive = Dev.Properties(Dev.Stack.Messaging.OrderQueue).GetProperty("RedrivePolicy");

        Assert.Equal(ResourceCatalog.OrderQueueMaxReceiveCount, redrive.GetProperty("maxReceiveCount").GetInt32());
        // AWS's advice for a queue that feeds Lambda: a throttled or failed batch is no poison message yet.
        Assert.True(ResourceCatalog.OrderQueueMaxReceiveCount >= 5);
        AssertIs(GetArn(Dev.LogicalId(Dev.Stack.Messaging.DeadLetterQueue)), redrive.GetProperty("deadLetterTargetArn"));
        Assert.False(Dev.Properties(Dev.Stack.Messaging.DeadLetterQueue).TryGetProperty("RedrivePolicy", out _));
    }

    [Fact]
    public void The_queue_hides_a_message_at_least_six_times_as_long_as_the_consumer_may_run()
    {
        var visibility = Dev.Properties(Dev.Stack.Messaging.OrderQueue).GetProperty("VisibilityTimeout").GetInt32();
        var consumerTimeout = Dev.Properties(Dev.Stack.Functions.OrderingConsumer).GetProperty("Timeout").GetInt32();

        Assert.Equal(ServiceFunctions.ConsumerTimeoutSeconds, consumerTimeout);
        Assert.True(visibility >= 6 * consumerTimeout, $"visibility {visibility}s < 6 x {consumerTimeout}s");
    }

    [Fact]
    public void Both_queues_are_encrypted_at_rest_and_refuse_plain_http()
    {
        stacks.Dev.Template.ResourceCountIs("AWS::SQS::Queue", 3);
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
    public void Only_the_checkout_rule_may_send_to_the_order_queue_and_to_its_own_dead_letter_queue()
    {
        foreach (var queue in new[] { Dev.Stack.Messaging.OrderQueue, Dev.Stack.Messaging.RuleDeadLetterQueue })
        {
            var policy = Dev.Resources("AWS::SQS::QueuePolicy")
                .Single(p => p.Resource.GetProperty("Properties").GetProperty("Queues")[0].Is(Ref(Dev.LogicalId(queue))))
                .Resource.GetProperty("Properties").GetProperty("PolicyDocument");

            var send = Assert.Single(policy.GetProperty("Statement").EnumerateArray(), s => s.GetProperty("Effect").GetString() == "Allow");
            Assert.Equal("events.amazonaws.com", send.GetProperty("Principal").GetProperty("Service").GetString());
            Assert.Contains("sqs:SendMessage", send.GetProperty("Action").OneOrMany().Select(a => a.GetString()));
            AssertIs(GetArn(Dev.LogicalId(Dev.Stack.Messaging.CheckoutRule)), send.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn"));
        }
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
            Assert.NotEqual(ResourceCatalog.EventBusName, busName);
            Assert.StartsWith(stack.Stack.StackName.Replace("-", "", StringComparison.Ordinal), busName, StringComparison.Ordinal);
        }
    }
}
