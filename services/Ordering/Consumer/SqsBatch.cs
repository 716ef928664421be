using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Ordering.Consumer;

/// <summary>The SQS event Lambda hands a function (and Lambda Web Adapter posts to <c>/events</c>).</summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsRecord>? Records);

/// <summary>One message of an SQS event, in Lambda's shape; the poller builds the same from ReceiveMessage.</summary>
public sealed record SqsRecord(
    string MessageId,
    string? ReceiptHandle,
    string? Body,
    IReadOnlyDictionary<string, string>? Attributes = null,
    string? Md5OfBody = null,
    string? EventSource = null,
    [property: JsonPropertyName("eventSourceARN")] string? EventSourceArn = null,
    string? AwsRegion = null);

/// <summary>What a function with ReportBatchItemFailures answers: the messages to leave on the queue.</summary>
public sealed record SqsBatchResponse(IReadOnlyList<BatchItemFailure> BatchItemFailures);

public sealed record BatchItemFailure(string ItemIdentifier);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
internal sealed partial class SqsBatchJsonContext : JsonSerializerContext;
