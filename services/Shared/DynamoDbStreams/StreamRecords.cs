using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2.Model;

namespace Ecommerce.Shared.DynamoDbStreams;

// One record shape for both ways a stream is read: GetRecords' answer locally, and the event Lambda
// hands a function on the stream (through Lambda Web Adapter's /events) in AWS.

/// <summary>A change to one item: <c>INSERT</c>, <c>MODIFY</c> or <c>REMOVE</c>, with the images the stream's view type keeps.</summary>
public sealed record StreamRecord(
    [property: JsonPropertyName("eventID")] string EventId,
    [property: JsonPropertyName("eventName")] string EventName,
    [property: JsonPropertyName("dynamodb")] StreamChange Change);

public sealed record StreamChange(
    string SequenceNumber,
    Dictionary<string, AttributeValue> Keys,
    Dictionary<string, AttributeValue>? NewImage = null,
    Dictionary<string, AttributeValue>? OldImage = null);

/// <summary>A batch of stream records as Lambda delivers it to a function on the stream.</summary>
public sealed record StreamEvent(IReadOnlyList<StreamRecord> Records);

public sealed record StreamShard(string ShardId, string? ParentShardId, StreamSequenceRange? SequenceNumberRange);

/// <summary>An open shard has no <see cref="EndingSequenceNumber"/> yet.</summary>
public sealed record StreamSequenceRange(string? StartingSequenceNumber, string? EndingSequenceNumber);

public sealed record StreamRecordsPage(IReadOnlyList<StreamRecord> Records, string? NextShardIterator);

internal sealed record WireDescribeStreamRequest(string StreamArn, string? ExclusiveStartShardId);

internal sealed record WireStreamDescription(IReadOnlyList<StreamShard>? Shards, string? LastEvaluatedShardId);

internal sealed record WireDescribeStreamResponse(WireStreamDescription StreamDescription);

internal sealed record WireGetShardIteratorRequest(string StreamArn, string ShardId, string ShardIteratorType, string? SequenceNumber);

internal sealed record WireGetShardIteratorResponse(string ShardIterator);

internal sealed record WireGetRecordsRequest(string ShardIterator, int Limit);

internal sealed record WireGetRecordsResponse(IReadOnlyList<StreamRecord>? Records, string? NextShardIterator);

/// <summary>How a DynamoDB stream event, as Lambda delivers it, is read and written.</summary>
public static class StreamJson
{
    public static JsonTypeInfo<StreamEvent> Event => StreamsJsonContext.Default.StreamEvent;
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(AttributeValueJsonConverter)])]
[JsonSerializable(typeof(StreamEvent))]
[JsonSerializable(typeof(WireDescribeStreamRequest))]
[JsonSerializable(typeof(WireDescribeStreamResponse))]
[JsonSerializable(typeof(WireGetShardIteratorRequest))]
[JsonSerializable(typeof(WireGetShardIteratorResponse))]
[JsonSerializable(typeof(WireGetRecordsRequest))]
[JsonSerializable(typeof(WireGetRecordsResponse))]
internal sealed partial class StreamsJsonContext : JsonSerializerContext;
