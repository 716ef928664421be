using System.Text.Json.Serialization;

namespace Ecommerce.Shared.EventBridge;

// The request and response shapes of the five EventBridge operations we use.

internal sealed record WirePutEventsRequest(IReadOnlyList<WireEventEntry> Entries);

internal sealed record WireEventEntry(string EventBusName, string Source, string DetailType, string Detail, long? Time, IReadOnlyList<string>? Resources, string? TraceHeader);

internal sealed record WirePutEventsResponse(int FailedEntryCount, IReadOnlyList<PutEventsResultEntry>? Entries);

internal sealed record WireNameRequest(string Name);

internal sealed record WireCreateEventBusResponse(string EventBusArn);

internal sealed record WireDescribeEventBusResponse(string Name, string Arn);

internal sealed record WirePutRuleRequest(string Name, string EventBusName, string EventPattern, string State, string? Description);

internal sealed record WirePutRuleResponse(string RuleArn);

internal sealed record WirePutTargetsRequest(string Rule, string EventBusName, IReadOnlyList<RuleTarget> Targets);

internal sealed record WireFailedTarget(string? TargetId, string? ErrorCode, string? ErrorMessage);

internal sealed record WirePutTargetsResponse(int FailedEntryCount, IReadOnlyList<WireFailedTarget>? FailedEntries);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WirePutEventsRequest))]
[JsonSerializable(typeof(WirePutEventsResponse))]
[JsonSerializable(typeof(WireNameRequest))]
[JsonSerializable(typeof(WireCreateEventBusResponse))]
[JsonSerializable(typeof(WireDescribeEventBusResponse))]
[JsonSerializable(typeof(WirePutRuleRequest))]
[JsonSerializable(typeof(WirePutRuleResponse))]
[JsonSerializable(typeof(WirePutTargetsRequest))]
[JsonSerializable(typeof(WirePutTargetsResponse))]
internal sealed partial class EventBridgeJsonContext : JsonSerializerContext;
