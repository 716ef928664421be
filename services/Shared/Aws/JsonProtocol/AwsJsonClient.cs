using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Ecommerce.Shared.Aws.JsonProtocol;

/// <summary>
/// A client of one AWS JSON-protocol service on AWSSDK.Core: credentials, SigV4, endpoint, retries and
/// telemetry are the SDK's; a subclass only shapes its operations' requests and answers, as
/// source-generated JSON.
/// </summary>
public abstract class AwsJsonClient : AmazonServiceClient
{
    private readonly InvokeOptions _invokeOptions;
    private AwsJsonMetadata? _metadata;

    protected AwsJsonClient(AWSCredentials credentials, AwsJsonClientConfig config)
        : base(credentials, config) =>
        _invokeOptions = InvokeOptionsFor(config.Service);

    /// <summary>Uses the SDK's default credential chain.</summary>
    protected AwsJsonClient(AwsJsonClientConfig config)
        : base(config) =>
        _invokeOptions = InvokeOptionsFor(config.Service);

    // The base constructor may ask for this before ours has run.
    protected override IServiceMetadata ServiceMetadata => _metadata ??= new AwsJsonMetadata(Config.ServiceId);

    /// <summary>Calls <paramref name="operation"/>; a refusal is thrown as <see cref="Translate"/> makes it.</summary>
    protected async Task<AwsJsonResponse> SendAsync<TRequest>(string operation, TRequest payload, JsonTypeInfo<TRequest> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            return await InvokeAsync<AwsJsonResponse>(new AwsJsonRequest(operation, JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo)), _invokeOptions, cancellationToken);
        }
        catch (AmazonServiceException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>The exception a refusal becomes: by default the SDK's, carrying the service's error code.</summary>
    protected virtual Exception Translate(AmazonServiceException error) => error;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new AwsJsonEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new AwsJsonAuthSchemeHandler());
    }

    private static InvokeOptions InvokeOptionsFor(AwsJsonService service) =>
        new() { RequestMarshaller = new AwsJsonMarshaller(service), ResponseUnmarshaller = AwsJsonUnmarshaller.Instance };
}

/// <summary>A service's raw answer, read as the operation's response shape.</summary>
public sealed class AwsJsonResponse : AmazonWebServiceResponse
{
    public byte[] Body { get; init; } = [];

    public T Read<T>(JsonTypeInfo<T> typeInfo) =>
        (Body.Length == 0 ? default : JsonSerializer.Deserialize(Body, typeInfo))
        ?? throw new AmazonServiceException("The service answered with an empty body.", null, ErrorType.Receiver, "EmptyResponse", null, HttpStatusCode);
}

internal sealed class AwsJsonRequest(string operation, byte[] body) : AmazonWebServiceRequest
{
    public string Operation { get; } = operation;

    public byte[] Body { get; } = body;
}

/// <summary>POSTs the JSON body to <c>/</c> with <c>X-Amz-Target</c>, as every JSON-protocol operation goes.</summary>
internal sealed class AwsJsonMarshaller(AwsJsonService service) : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var request = (AwsJsonRequest)input;
        var marshalled = new DefaultRequest(request, service.ServiceId)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = request.Body,
        };
        marshalled.Headers["X-Amz-Target"] = service.TargetPrefix + "." + request.Operation;
        marshalled.Headers["Content-Type"] = service.ContentType;
        return marshalled;
    }
}

internal sealed class AwsJsonUnmarshaller : JsonResponseUnmarshaller
{
    public static readonly AwsJsonUnmarshaller Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context) =>
        new AwsJsonResponse { Body = ReadBody(context) };

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var body = ReadBody(context);
        var error = body.Length == 0 ? null : TryRead(body);
        // The JSON protocols name the error in __type, sometimes prefixed with a namespace ("...#Code").
        var type = error?.Type ?? context.ResponseData?.GetHeaderValue("x-amzn-ErrorType") ?? "UnknownError";
        var code = type.Split('#')[^1].Split(':')[0];
        var message = error?.Message ?? error?.MessageUpper ?? $"The service answered {(int)statusCode} {code}.";
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
            return JsonSerializer.Deserialize(body, AwsJsonContext.Default.WireError);
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

[JsonSerializable(typeof(WireError))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
