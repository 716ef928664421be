using System.Text.Json.Serialization;

namespace Ecommerce.LocalCloud.Sqs;

/// <summary>SQS's JSON shapes, source-generated; absent values are left out, as AWS does.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RedrivePolicy))]
[JsonSerializable(typeof(SqsRequest))]
[JsonSerializable(typeof(QueueUrlResponse))]
[JsonSerializable(typeof(ListQueuesResponse))]
[JsonSerializable(typeof(AttributesResponse))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(SendMessageBatchResponse))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(ReceiveMessageResponse))]
[JsonSerializable(typeof(StartMessageMoveTaskResponse))]
[JsonSerializable(typeof(ListMessageMoveTasksResponse))]
[JsonSerializable(typeof(CancelMessageMoveTaskResponse))]
[JsonSerializable(typeof(TaskHandle))]
public sealed partial class SqsJsonContext : JsonSerializerContext;
