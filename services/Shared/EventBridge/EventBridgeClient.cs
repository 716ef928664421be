using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Ecommerce.Shared.EventBridge;

/// <summary>
/// EventBridge through AWSSDK.Core: credentials, SigV4, endpoint, retries and telemetry are the SDK's;
/// this class only shapes the five requests and answers we use.
/// </summary>
public sealed class EventBridgeClient : AmazonServiceClient, IEventBridgeClient
{
    private static readonly EventBridgeMetadata Metadata = new();

    public EventBridgeClient(AWSCredentials credentials, EventBridgeClientConfig config)
        : base(credentials, config)
    {
    }

    /// <summary>Uses the SDK's default credential chain.</summary>
    public EventBridgeClient(EventBridgeClientConfig config)
        : base(config)
    {
    }

    protected override IServiceMetadata ServiceMetadata => Metadata;

    public async Task<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken)
    {
        var request = new WirePutEventsRequest([.. entries.Select(e => new WireEventEntry(
            e.EventBusName, e.Source, e.DetailType, e.Detail, e.Time?.ToUnixTimeSeconds(), e.Resources))]);
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

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new EventBridgeEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new EventBridgeAuthSchemeHandler());
    }

    private async Task<EventBridgeResponse> SendAsync<T>(string operation, T payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = EventBridgeMarshaller.Instance,
            ResponseUnmarshaller = EventBridgeUnmarshaller.Instance,
        };
        try
        {
            return await InvokeAsync<EventBridgeResponse>(EventBridgeRequest.Create(operation, payload, typeInfo), options, cancellationToken);
        }
        catch (AmazonServiceException e)
        {
            throw EventBridgeException.For(e.Message, e.ErrorCode ?? "Unknown", e.StatusCode, e);
        }
    }
}
