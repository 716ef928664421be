using System.Text.Json.Serialization;

namespace Ecommerce.LocalCloud;

/// <summary>Every shape LocalCloud reads or writes, source-generated; absent values are left out, as AWS does.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(RedrivePolicy))]
[JsonSerializable(typeof(SqsRequest))]
[JsonSerializable(typeof(QueueUrlResponse))]
[JsonSerializable(typeof(ListQueuesResponse))]
[JsonSerializable(typeof(AttributesResponse))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(SendMessageBatchResponse))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(ReceiveMessageResponse))]
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
[JsonSerializable(typeof(FaultSpec))]
[JsonSerializable(typeof(IReadOnlyList<FaultSpec>))]
[JsonSerializable(typeof(Health))]
public sealed partial class LocalCloudJsonContext : JsonSerializerContext;
