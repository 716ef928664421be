using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// A rule target's retry policy and dead-letter queue, as EventBridge keeps them: an event the target keeps refusing
/// goes to the dead-letter queue once the policy runs out, with the attributes that say which rule, which target and why.
/// </summary>
[Collection(EdgeDefinition.Name)]
public sealed class RuleDeadLetterTests(LocalEdge edge) : IDisposable
{
    private const string TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private readonly IEventBridgeClient _events = Clients.EventBridge(edge);
    private readonly AmazonSQSClient _sqs = Clients.Sqs(edge);

    public void Dispose() => _sqs.Dispose();

    [FaultInjectionFact]
    public async Task An_event_the_target_refuses_past_its_retry_policy_is_kept_in_the_dead_letter_queue_with_why()
    {
        var route = await RouteAsync(new RetryPolicy(MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60));
        await edge.FailDeliveriesAsync(route.QueueName, "THROTTLING", count: 3);

        var put = await _events.PutEventsAsync([CheckoutEntry(route.Bus) with { TraceHeader = TraceHeader }], CancellationToken.None);
        var dead = await ReceiveOneAsync(route.DeadLetterUrl);

        Assert.Equal(put.Entries[0].EventId, (string?)JsonNode.Parse(dead.Body)!["id"]);
        Assert.Equal("swn", (string?)JsonNode.Parse(dead.Body)!["detail"]!["userName"]);
        Assert.Equal("THROTTLING", dead.MessageAttributes["ERROR_CODE"].StringValue);
        Assert.Equal("Injected by LocalCloud: THROTTLING", dead.MessageAttributes["ERROR_MESSAGE"].StringValue);
        Assert.Equal(route.RuleArn, dead.MessageAttributes["RULE_ARN"].StringValue);
        Assert.Equal(route.QueueArn, dead.MessageAttributes["TARGET_ARN"].StringValue);
        Assert.Equal("2", dead.MessageAttributes["RETRY_ATTEMPTS"].StringValue);
        Assert.Equal("MaximumRetryAttemptsExhausted", dead.MessageAttributes["EXHAUSTED_RETRY_CONDITION"].StringValue);
        Assert.Equal(TraceHeader, dead.Attributes["AWSTraceHeader"]);
        Assert.Empty((await _sqs.ReceiveMessageAsync(route.QueueUrl)).Messages ?? []);
    }

    [FaultInjectionFact]
    public async Task A_failure_within_the_retry_policy_is_retried_and_delivered()
    {
        var route = await RouteAsync(new RetryPolicy(MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60));
        await edge.FailDeliveriesAsync(route.QueueName, "THROTTLING", count: 2);

        await _events.PutEventsAsync([CheckoutEntry(route.Bus)], CancellationToken.None);
        var delivered = await ReceiveOneAsync(route.QueueUrl);

        Assert.Equal("swn", (string?)JsonNode.Parse(delivered.Body)!["detail"]!["userName"]);
        Assert.Empty((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = route.DeadLetterUrl, WaitTimeSeconds = 1 })).Messages ?? []);
    }

    [FaultInjectionFact]
    public async Task A_missing_permission_is_not_retried_but_dead_lettered_at_once()
    {
        var route = await RouteAsync(new RetryPolicy(MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400));
        await edge.FailDeliveriesAsync(route.QueueName, "NO_PERMISSIONS");

        await _events.PutEventsAsync([CheckoutEntry(route.Bus)], CancellationToken.None);
        var dead = await ReceiveOneAsync(route.DeadLetterUrl);

        Assert.Equal("NO_PERMISSIONS", dead.MessageAttributes["ERROR_CODE"].StringValue);
        Assert.Equal("0", dead.MessageAttributes["RETRY_ATTEMPTS"].StringValue);
        Assert.False(dead.MessageAttributes.ContainsKey("EXHAUSTED_RETRY_CONDITION"));
    }

    [Fact]
    public async Task An_event_for_a_deleted_queue_goes_to_the_dead_letter_queue_as_NO_RESOURCE()
    {
        var route = await RouteAsync(retryPolicy: null);
        await _sqs.DeleteQueueAsync(route.QueueUrl);

        await _events.PutEventsAsync([CheckoutEntry(route.Bus)], CancellationToken.None);
        var dead = await ReceiveOneAsync(route.DeadLetterUrl);

        Assert.Equal("NO_RESOURCE", dead.MessageAttributes["ERROR_CODE"].StringValue);
        Assert.Equal(route.QueueArn, dead.MessageAttributes["TARGET_ARN"].StringValue);
    }

    [Fact]
    public async Task A_target_keeps_its_dead_letter_queue_and_retry_policy_and_refuses_ones_AWS_refuses()
    {
        var route = await RouteAsync(new RetryPolicy(3, 120));

        var listed = await Clients.PostAsync(edge, "AWSEvents.ListTargetsByRule", new JsonObject { ["Rule"] = "checkout", ["EventBusName"] = route.Bus }.ToJsonString());
        var tooMany = await Assert.ThrowsAsync<EventBridgeException>(() => _events.PutTargetsAsync(
            "checkout", route.Bus, [new RuleTarget("orders", route.QueueArn, RetryPolicy: new RetryPolicy(186, 120))], CancellationToken.None));
        var notAQueue = await Assert.ThrowsAsync<EventBridgeException>(() => _events.PutTargetsAsync(
            "checkout", route.Bus, [new RuleTarget("orders", route.QueueArn, DeadLetterConfig: new DeadLetterConfig("arn:aws:sns:us-east-1:000000000000:t"))], CancellationToken.None));

        var target = listed.Body["Targets"]![0]!;
        Assert.Equal(route.DeadLetterArn, (string?)target["DeadLetterConfig"]!["Arn"]);
        Assert.Equal(3, (int?)target["RetryPolicy"]!["MaximumRetryAttempts"]);
        Assert.Equal(120, (int?)target["RetryPolicy"]!["MaximumEventAgeInSeconds"]);
        Assert.Equal("ValidationException", tooMany.ErrorCode);
        Assert.Equal("ValidationException", notAQueue.ErrorCode);
    }

    private static EventEntry CheckoutEntry(string bus) =>
        new(bus, ResourceDefinitions.CheckoutEventSource, ResourceDefinitions.CheckoutEventDetailType, """{"userName":"swn"}""");

    /// <summary>A bus whose checkout rule targets a fresh queue, with a fresh dead-letter queue and the retry policy given.</summary>
    private async Task<Route> RouteAsync(RetryPolicy? retryPolicy)
    {
        var bus = Clients.Unique("bus");
        await _events.CreateEventBusAsync(bus, CancellationToken.None);
        var queueName = Clients.Unique("orders");
        var queueUrl = (await _sqs.CreateQueueAsync(queueName)).QueueUrl;
        var deadLetterUrl = (await _sqs.CreateQueueAsync(Clients.Unique("rule-dlq"))).QueueUrl;
        var queueArn = await ArnOfAsync(queueUrl);
        var deadLetterArn = await ArnOfAsync(deadLetterUrl);
        var ruleArn = await _events.PutRuleAsync(new RuleDefinition("checkout", bus, ResourceDefinitions.CheckoutEvents.EventPattern), CancellationToken.None);
        await _events.PutTargetsAsync(
            "checkout", bus, [new RuleTarget("orders", queueArn, DeadLetterConfig: new DeadLetterConfig(deadLetterArn), RetryPolicy: retryPolicy)], CancellationToken.None);
        return new Route(bus, ruleArn, queueName, queueUrl, queueArn, deadLetterUrl, deadLetterArn);
    }

    private async Task<string> ArnOfAsync(string queueUrl) =>
        (await _sqs.GetQueueAttributesAsync(queueUrl, [QueueAttributeName.QueueArn])).QueueARN;

    private async Task<Message> ReceiveOneAsync(string queueUrl)
    {
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            WaitTimeSeconds = 10,
            MessageAttributeNames = ["All"],
            MessageSystemAttributeNames = ["AWSTraceHeader"],
        });
        return Assert.Single(received.Messages);
    }

    private sealed record Route(string Bus, string RuleArn, string QueueName, string QueueUrl, string QueueArn, string DeadLetterUrl, string DeadLetterArn);
}
