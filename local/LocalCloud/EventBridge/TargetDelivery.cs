using System.Globalization;
using System.Text.Json.Nodes;
using Ecommerce.LocalCloud.Sqs;

namespace Ecommerce.LocalCloud.EventBridge;

/// <summary>
/// EventBridge's delivery of one matched event to one SQS target, as AWS describes it: a failure it may retry is retried
/// until the target's retry policy runs out (by default 185 attempts or 24 hours), a failure no retry can mend (no
/// permission, no such queue) is not retried; then the event goes to the target's dead-letter queue with the attributes
/// that say why, or is dropped if the target has none. LocalCloud's retries back off from 100 ms to at most a second
/// rather than AWS's hours, so a test sees the whole policy run out; a delivery fails when the queue is missing or when
/// a <see cref="FaultSpec.DeliverToTarget"/> fault waits for it.
/// </summary>
public sealed class TargetDelivery(SqsQueues queues, Faults faults, TimeProvider time, ILogger<TargetDelivery> logger)
{
    public const int DefaultRetryAttempts = 185;
    public const int DefaultMaximumEventAgeSeconds = 86_400;

    /// <summary>Error codes AWS sends straight to the dead-letter queue: retrying cannot mend them.</summary>
    private static readonly string[] NotRetried = ["NO_PERMISSIONS", "NO_RESOURCE", "INVALID_PARAMETER", "INVALID_JSON"];

    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(1);

    /// <summary>Delivers now; a retry, if one is due, runs later on its own.</summary>
    public void Deliver(EventRule rule, TargetEntry target, JsonObject envelope, IReadOnlyDictionary<string, SqsAttributeValue>? systemAttributes) =>
        Attempt(new Delivery(rule.Arn, target, envelope, systemAttributes, time.GetUtcNow()), retries: 0);

    private void Attempt(Delivery delivery, int retries)
    {
        var target = delivery.Target;
        (string Code, string Message) failure;
        if (faults.TakeDeliveryFailure(target.Arn!.Split(':')[^1]) is { } fault)
        {
            failure = (fault.ErrorCode, fault.Message ?? $"Injected by LocalCloud: {fault.ErrorCode}");
        }
        else if (queues.FindByArn(target.Arn) is { } queue)
        {
            var body = target.Input ?? EventBuses.Select(delivery.Envelope, target.InputPath)?.ToJsonString() ?? "null";
            queues.Send(queue, body, delaySeconds: null, attributes: null, delivery.SystemAttributes);
            return;
        }
        else
        {
            failure = ("NO_RESOURCE", $"Queue {target.Arn} does not exist.");
        }

        if (NotRetried.Contains(failure.Code))
        {
            GiveUp(delivery, failure, exhaustedCondition: null, retries);
            return;
        }

        var policy = target.RetryPolicy;
        var exhausted = retries >= (policy?.MaximumRetryAttempts ?? DefaultRetryAttempts) ? "MaximumRetryAttemptsExhausted"
            : time.GetUtcNow() - delivery.ReceivedAt >= TimeSpan.FromSeconds(policy?.MaximumEventAgeInSeconds ?? DefaultMaximumEventAgeSeconds) ? "MaximumEventAgeExhausted"
            : null;
        if (exhausted is null)
        {
            _ = RetryLaterAsync(delivery, retries + 1);
            return;
        }

        GiveUp(delivery, failure, exhausted, retries);
    }

    private async Task RetryLaterAsync(Delivery delivery, int retries)
    {
        var backOff = FirstBackOff * Math.Pow(2, Math.Min(retries - 1, 10));
        await Task.Delay(backOff < LongestBackOff ? backOff : LongestBackOff, time);
        try
        {
            Attempt(delivery, retries);
        }
        catch (AwsException e)
        {
            // A queue deleted meanwhile, say: the event is dropped as AWS drops what it cannot keep.
            logger.DeliveryAbandoned(delivery.Target.Id, e.Code);
        }
    }

    /// <summary>The event as it was matched, with EventBridge's attributes, on the target's dead-letter queue; dropped without one.</summary>
    private void GiveUp(Delivery delivery, (string Code, string Message) failure, string? exhaustedCondition, int retries)
    {
        var (target, errorCode) = (delivery.Target, failure.Code);
        if (target.DeadLetterConfig?.Arn is not { } deadLetterArn)
        {
            logger.EventDropped(target.Id, errorCode);
            return;
        }

        if (queues.FindByArn(deadLetterArn) is not { } deadLetterQueue)
        {
            logger.DeadLetterQueueMissing(target.Id, deadLetterArn, errorCode);
            return;
        }

        var attributes = new Dictionary<string, SqsAttributeValue>
        {
            ["RULE_ARN"] = new("String", delivery.RuleArn),
            ["TARGET_ARN"] = new("String", target.Arn),
            ["ERROR_CODE"] = new("String", errorCode),
            ["ERROR_MESSAGE"] = new("String", failure.Message),
            ["RETRY_ATTEMPTS"] = new("String", retries.ToString(CultureInfo.InvariantCulture)),
        };
        if (exhaustedCondition is not null)
        {
            attributes["EXHAUSTED_RETRY_CONDITION"] = new("String", exhaustedCondition);
        }

        queues.Send(deadLetterQueue, delivery.Envelope.ToJsonString(), delaySeconds: null, attributes, delivery.SystemAttributes);
        logger.EventDeadLettered(target.Id, errorCode, deadLetterArn);
    }

    private sealed record Delivery(
        string RuleArn,
        TargetEntry Target,
        JsonObject Envelope,
        IReadOnlyDictionary<string, SqsAttributeValue>? SystemAttributes,
        DateTimeOffset ReceivedAt);
}
