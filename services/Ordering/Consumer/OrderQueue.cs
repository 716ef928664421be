using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ecommerce.Ordering.Consumer;

/// <summary>The queue checkout events arrive on: its URL, its readiness, and (locally) its creation.</summary>
public sealed class OrderQueue(IAmazonSQS sqs, IOptions<ResourceNames> names, IOptions<ConsumerOptions> options)
{
    private string? _url;

    public async Task<string> GetUrlAsync(CancellationToken cancellationToken) =>
        _url ??= (await sqs.GetQueueUrlAsync(names.Value.OrderQueue, cancellationToken)).QueueUrl;

    /// <summary>
    /// Creates the dead-letter queue, the queue with its redrive policy, the bus if missing, the rule
    /// and its target: what the CDK stack owns in AWS.
    /// </summary>
    public async Task ProvisionAsync(IEventBridgeClient eventBridge, CancellationToken cancellationToken)
    {
        var resources = names.Value;
        var deadLetterUrl = (await sqs.CreateQueueAsync(resources.OrderDeadLetterQueue, cancellationToken)).QueueUrl;
        var deadLetterArn = await ArnOfAsync(deadLetterUrl, cancellationToken);
        var redrivePolicy = JsonSerializer.Serialize(
            new RedrivePolicy(deadLetterArn, ResourceCatalog.OrderQueueMaxReceiveCount), OrderQueueJsonContext.Default.RedrivePolicy);
        var queueUrl = (await sqs.CreateQueueAsync(
            new CreateQueueRequest
            {
                QueueName = resources.OrderQueue,
                Attributes = new Dictionary<string, string>
                {
                    [QueueAttributeName.RedrivePolicy] = redrivePolicy,
                    [QueueAttributeName.VisibilityTimeout] = options.Value.QueueVisibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            },
            cancellationToken)).QueueUrl;

        await eventBridge.EnsureEventBusAsync(resources.EventBus, cancellationToken);
        await eventBridge.PutRuleAsync(
            new RuleDefinition(resources.CheckoutRule, resources.EventBus, ResourceCatalog.CheckoutEventPattern), cancellationToken);
        await eventBridge.PutTargetsAsync(
            resources.CheckoutRule, resources.EventBus, [new RuleTarget(resources.OrderQueue, await ArnOfAsync(queueUrl, cancellationToken))], cancellationToken);
        _url = queueUrl;
    }

    private async Task<string> ArnOfAsync(string queueUrl, CancellationToken cancellationToken) =>
        (await sqs.GetQueueAttributesAsync(queueUrl, [QueueAttributeName.QueueArn], cancellationToken)).QueueARN;
}

/// <summary>Ready when the order queue answers.</summary>
public sealed class OrderQueueHealthCheck(OrderQueue queue) : IHealthCheck
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
            return HealthCheckResult.Unhealthy($"The order queue does not answer: {e.ErrorCode}.");
        }
        catch (HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("SQS cannot be reached.");
        }
    }
}

internal sealed record RedrivePolicy(string DeadLetterTargetArn, int MaxReceiveCount);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(RedrivePolicy))]
internal sealed partial class OrderQueueJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
