using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Ecommerce.Shared.EventBridge;

// EventBridge's AWS JSON 1.1 protocol for the five operations we use: one marshaller that posts a
// source-generated JSON body with X-Amz-Target, one unmarshaller that hands back the raw answer.

internal sealed class EventBridgeRequest(string operation, byte[] body) : AmazonWebServiceRequest
{
    public string Operation { get; } = operation;

    public byte[] Body { get; } = body;

    public static EventBridgeRequest Create<T>(string operation, T payload, JsonTypeInfo<T> typeInfo) =>
        new(operation, JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo));
}

internal sealed class EventBridgeResponse : AmazonWebServiceResponse
{
    public byte[] Body { get; init; } = [];

    public T Read<T>(JsonTypeInfo<T> typeInfo) =>
        (Body.Length == 0 ? default : JsonSerializer.Deserialize(Body, typeInfo))
        ?? throw new EventBridgeException("EventBridge answered with an empty body.", "EmptyResponse", HttpStatusCode);
}

internal sealed class EventBridgeMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly EventBridgeMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var request = (EventBridgeRequest)input;
        var marshalled = new DefaultRequest(request, "EventBridge")
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = request.Body,
        };
        marshalled.Headers["X-Amz-Target"] = "AWSEvents." + request.Operation;
        marshalled.Headers["Content-Type"] = "application/x-amz-json-1.1";
        return marshalled;
    }
}

internal sealed class EventBridgeUnmarshaller : JsonResponseUnmarshaller
{
    public static readonly EventBridgeUnmarshaller Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context) =>
        new EventBridgeResponse { Body = ReadBody(context) };

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var body = ReadBody(context);
        var error = body.Length == 0 ? null : TryRead(body);
        // JSON 1.1 names the error in __type, sometimes prefixed with a namespace ("...#Code").
        var type = error?.Type ?? context.ResponseData?.GetHeaderValue("x-amzn-ErrorType") ?? "UnknownError";
        var code = type.Split('#')[^1].Split(':')[0];
        var message = error?.Message ?? error?.MessageUpper ?? $"EventBridge answered {(int)statusCode} {code}.";
        var requestId = context.ResponseData?.GetHeaderValue("x-amzn-RequestId");
        var errorType = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return new AmazonServiceException(message, innerException, errorType, code, requestId, statusCode);
    }

    private static byte[] ReadBody(JsonUnmarshallerContext context)
    {
        using var buffer = new MemoryStream();
        context.Stream.CopyTo(buffer);
        return buffer.Length > 0 ? buffer.ToArray() : context.GetResponseBodyBytes() ?? [];
    }

    private static WireError? TryRead(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, EventBridgeJsonContext.Default.WireError);
        }
        catch (JsonException)
        {
            return new WireError(null, Encoding.UTF8.GetString(body), null);
        }
    }
}

internal sealed record WireError(
    [property: JsonPropertyName("__type")] string? Type,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("Message")] string? MessageUpper);

internal sealed record WirePutEventsRequest(IReadOnlyList<WireEventEntry> Entries);

internal sealed record WireEventEntry(string EventBusName, string Source, string DetailType, string Detail, long? Time, IReadOnlyList<string>? Resources);

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
[JsonSerializable(typeof(WireError))]
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
