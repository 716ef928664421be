using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.Shared.Consumers;

/// <summary>One consumer's queue: its URL, its readiness, and (locally) its creation with its DLQ, rule and target.</summary>
public sealed class EventQueue(IAmazonSQS sqs, EventQueueDefinition definition, ResourceNames names, ConsumerOptions options, int delaySeconds = 0)
{
    private string? _url;

    public string Name => names[definition.Queue];

    public async Task<string> GetUrlAsync(CancellationToken cancellationToken) =>
        _url ??= (await sqs.GetQueueUrlAsync(Name, cancellationToken)).QueueUrl;

    /// <summary>
    /// Creates the dead-letter queue, the queue with its redrive policy and delivery delay, the bus if missing, the rule, the
    /// rule's dead-letter queue, and its target with that queue and the retry policy, as the stack does.
    /// </summary>
    public async Task ProvisionAsync(IEventBridgeClient eventBridge, CancellationToken cancellationToken)
    {
        var deadLetterUrl = (await sqs.CreateQueueAsync(names[definition.DeadLetterQueue], cancellationToken)).QueueUrl;
        var ruleDeadLetterUrl = (await sqs.CreateQueueAsync(names[definition.RuleDeadLetterQueue], cancellationToken)).QueueUrl;
        var redrivePolicy = JsonSerializer.Serialize(
            new RedrivePolicy(await ArnOfAsync(deadLetterUrl, cancellationToken), definition.MaxReceiveCount), EventQueueJsonContext.Default.RedrivePolicy);
        var queueUrl = (await sqs.CreateQueueAsync(
            new CreateQueueRequest
            {
                QueueName = Name,
                Attributes = new Dictionary<string, string>
                {
                    [QueueAttributeName.RedrivePolicy] = redrivePolicy,
                    [QueueAttributeName.VisibilityTimeout] = options.QueueVisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                    [QueueAttributeName.DelaySeconds] = delaySeconds.ToString(CultureInfo.InvariantCulture),
                },
            },
            cancellationToken)).QueueUrl;

        var rule = names[definition.Rule];
        var bus = names[ResourceDefinitions.EventBus];
        await eventBridge.EnsureEventBusAsync(bus, cancellationToken);
        await eventBridge.PutRuleAsync(new RuleDefinition(rule, bus, definition.EventPattern), cancellationToken);
        var target = new RuleTarget(
            Name,
            await ArnOfAsync(queueUrl, cancellationToken),
            DeadLetterConfig: new DeadLetterConfig(await ArnOfAsync(ruleDeadLetterUrl, cancellationToken)),
            RetryPolicy: new RetryPolicy(EventQueueDefinition.RuleRetryAttempts, EventQueueDefinition.RuleMaximumEventAgeSeconds));
        await eventBridge.PutTargetsAsync(rule, bus, [target], cancellationToken);
        _url = queueUrl;
    }

    private async Task<string> ArnOfAsync(string queueUrl, CancellationToken cancellationToken) =>
        (await sqs.GetQueueAttributesAsync(queueUrl, [QueueAttributeName.QueueArn], cancellationToken)).QueueARN;
}

/// <summary>Ready when the consumer's queue answers.</summary>
public sealed class EventQueueHealthCheck(EventQueue queue) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await queue.GetUrlAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (AmazonSQSException e)
        {
            return HealthCheckResult.Unhealthy($"The queue {queue.Name} does not answer: {e.ErrorCode}.");
        }
        catch (HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("SQS cannot be reached.");
        }
    }
}

internal sealed record RedrivePolicy(string DeadLetterTargetArn, int MaxReceiveCount);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RedrivePolicy))]
internal sealed partial class EventQueueJsonContext : JsonSerializerContext;
