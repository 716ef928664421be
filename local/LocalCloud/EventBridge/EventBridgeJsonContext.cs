using System.Text.Json.Serialization;

namespace Ecommerce.LocalCloud.EventBridge;

/// <summary>EventBridge's JSON shapes, source-generated; absent values are left out, as AWS does.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EventsRequest))]
[JsonSerializable(typeof(EventBusArnResponse))]
[JsonSerializable(typeof(EventBusResponse))]
[JsonSerializable(typeof(ListEventBusesResponse))]
[JsonSerializable(typeof(RuleArnResponse))]
[JsonSerializable(typeof(RuleResponse))]
[JsonSerializable(typeof(ListRulesResponse))]
[JsonSerializable(typeof(TargetsResultResponse))]
[JsonSerializable(typeof(ListTargetsResponse))]
[JsonSerializable(typeof(PutEventsResponse))]
[JsonSerializable(typeof(TestEventPatternResponse))]
public sealed partial class EventBridgeJsonContext : JsonSerializerContext;
