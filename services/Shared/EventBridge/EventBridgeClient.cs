using System.Globalization;
using Amazon.Runtime;
using Ecommerce.Shared.Aws.JsonProtocol;

namespace Ecommerce.Shared.EventBridge;

/// <summary>
/// EventBridge through AWSSDK.Core (<see cref="AwsJsonClient"/>): this class only shapes the five
/// requests and answers we use.
/// </summary>
public sealed class EventBridgeClient : AwsJsonClient, IEventBridgeClient
{
    public EventBridgeClient(AWSCredentials credentials, EventBridgeClientConfig config)
        : base(credentials, config)
    {
    }

    /// <summary>Uses the SDK's default credential chain.</summary>
    public EventBridgeClient(EventBridgeClientConfig config)
        : base(config)
    {
    }

    public async Task<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken)
    {
        var request = new WirePutEventsRequest([.. entries.Select(e => new WireEventEntry(
            e.EventBusName, e.Source, e.DetailType, e.Detail, e.Time?.ToUnixTimeSeconds(), e.Resources, e.TraceHeader))]);
        var response = await SendAsync("PutEvents", request, EventBridgeJsonContext.Default.WirePutEventsRequest, cancellationToken);
        var result = response.Read(EventBridgeJsonContext.Default.WirePutEventsResponse);
        return new PutEventsResult(result.FailedEntryCount, result.Entries ?? []);
    }

    public async Task<string> CreateEventBusAsync(string name, CancellationToken cancellationToken)
    {
        var response = await SendAsync("CreateEventBus", new WireNameRequest(name), EventBridgeJsonContext.Default.WireNameRequest, cancellationToken);
        return response.Read(EventBridgeJsonContext.Default.WireCreateEventBusResponse).EventBusArn;
    }

    public async Task<EventBusDescription?> DescribeEventBusAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync("DescribeEventBus", new WireNameRequest(name), EventBridgeJsonContext.Default.WireNameRequest, cancellationToken);
            var bus = response.Read(EventBridgeJsonContext.Default.WireDescribeEventBusResponse);
            return new EventBusDescription(bus.Name, bus.Arn);
        }
        catch (EventBridgeResourceNotFoundException)
        {
            return null;
        }
    }

    public async Task<string> PutRuleAsync(RuleDefinition rule, CancellationToken cancellationToken)
    {
        var request = new WirePutRuleRequest(rule.Name, rule.EventBusName, rule.EventPattern, rule.Enabled ? "ENABLED" : "DISABLED", rule.Description);
        var response = await SendAsync("PutRule", request, EventBridgeJsonContext.Default.WirePutRuleRequest, cancellationToken);
        return response.Read(EventBridgeJsonContext.Default.WirePutRuleResponse).RuleArn;
    }

    public async Task PutTargetsAsync(string ruleName, string eventBusName, IReadOnlyList<RuleTarget> targets, CancellationToken cancellationToken)
    {
        var request = new WirePutTargetsRequest(ruleName, eventBusName, targets);
        var response = await SendAsync("PutTargets", request, EventBridgeJsonContext.Default.WirePutTargetsRequest, cancellationToken);
        var result = response.Read(EventBridgeJsonContext.Default.WirePutTargetsResponse);
        if (result.FailedEntryCount > 0 && result.FailedEntries is [var first, ..])
        {
            throw EventBridgeException.For(
                string.Create(CultureInfo.InvariantCulture, $"{result.FailedEntryCount} target(s) of rule {ruleName} failed; {first.TargetId}: {first.ErrorMessage}"),
                first.ErrorCode ?? "FailedEntry",
                response.HttpStatusCode);
        }
    }

    protected override Exception Translate(AmazonServiceException error) =>
        EventBridgeException.For(error.Message, error.ErrorCode ?? "Unknown", error.StatusCode, error);
}
