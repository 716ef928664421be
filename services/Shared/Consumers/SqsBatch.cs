using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Shared.Consumers;

/// <summary>The SQS event Lambda hands a function (and Lambda Web Adapter posts to <c>/events</c>).</summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsRecord>? Records);

/// <summary>
/// What the consumer reads of one message of an SQS event (Lambda's shape; the poller builds the same
/// from ReceiveMessage): its id, its body, and its system attributes, where the trace header travels.
/// </summary>
public sealed record SqsRecord(string MessageId, string? Body, IReadOnlyDictionary<string, string>? Attributes = null)
{
    /// <summary>The system attribute EventBridge fills from PutEvents' TraceHeader (X-Ray format).</summary>
    public const string TraceHeaderAttribute = "AWSTraceHeader";
}

/// <summary>What a function with ReportBatchItemFailures answers: the records to deliver again.</summary>
public sealed record BatchResponse(IReadOnlyList<BatchItemFailure> BatchItemFailures);

public sealed record BatchItemFailure(string ItemIdentifier);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(BatchResponse))]
public sealed partial class ConsumerJsonContext : JsonSerializerContext;
