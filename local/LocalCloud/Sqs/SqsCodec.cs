using System.Text.Json.Serialization.Metadata;

namespace Ecommerce.LocalCloud.Sqs;

/// <summary>
/// How an SQS answer goes back on the wire. SQS speaks two protocols over one set of operations: JSON, as
/// SDKs since late 2023 send it, and the older query protocol (form-encoded <c>Action=</c>, XML answers).
/// <see cref="SqsEndpoint"/> runs the operation once; a codec writes what it answered.
/// </summary>
public interface ISqsCodec
{
    Task WriteAsync<T>(HttpContext context, T response, JsonTypeInfo<T> typeInfo);
}

/// <summary>The SQS JSON protocol (<c>X-Amz-Target: AmazonSQS.*</c>).</summary>
public sealed class SqsJsonCodec : ISqsCodec
{
    public static readonly SqsJsonCodec Instance = new();

    private SqsJsonCodec()
    {
    }

    public Task WriteAsync<T>(HttpContext context, T response, JsonTypeInfo<T> typeInfo) =>
        Edge.WriteAsync(context, AwsProtocol.Sqs, response, typeInfo);
}
