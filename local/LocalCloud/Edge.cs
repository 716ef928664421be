using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ecommerce.LocalCloud.EventBridge;
using Ecommerce.LocalCloud.Sqs;
using Ecommerce.LocalCloud.Ssm;

namespace Ecommerce.LocalCloud;

/// <summary>
/// Port 4566: one POST route for every AWS JSON protocol call (SQS, EventBridge, SSM, DynamoDB), dispatched on <c>X-Amz-Target</c>,
/// as LocalStack's edge does, and SQS's query protocol beside it. DynamoDB and DynamoDB Streams calls
/// go on to DynamoDB Local untouched. Signatures are accepted unchecked.
/// </summary>
public static class Edge
{
    public const string SqsPrefix = "AmazonSQS.";
    public const string EventsPrefix = "AWSEvents.";
    public const string DynamoDbPrefix = "DynamoDB_20120810.";
    public const string DynamoDbStreamsPrefix = "DynamoDBStreams_20120810.";
    public const string SsmPrefix = "AmazonSSM.";

    public static void MapEdge(this IEndpointRouteBuilder app)
    {
        app.MapPost("/", HandleAsync).ExcludeFromDescription();
        // SQS's query protocol also comes as a GET, and to a queue's own URL.
        app.MapGet("/", HandleQueryAsync).ExcludeFromDescription();
        app.MapMethods("/{accountId}/{queueName}", [HttpMethods.Get, HttpMethods.Post], HandleQueryAsync).ExcludeFromDescription();
    }

    private static async Task HandleAsync(HttpContext context, Faults faults, SqsEndpoint sqs, EventBridgeEndpoint events, ParameterStore parameters, DynamoDbForwarder dynamoDb)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        if (target.Length == 0 && SqsQueryCodec.Speaks(context.Request))
        {
            await HandleQueryAsync(context, faults, sqs);
            return;
        }

        var protocol = AwsProtocol.For(target);
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (protocol is null)
        {
            await WriteErrorAsync(context, AwsProtocol.Sqs, new AwsException("UnknownOperationException", $"Unknown X-Amz-Target '{target}'."));
            return;
        }

        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        try
        {
            var tables = protocol == AwsProtocol.DynamoDb && faults.AimsAtTables(operation) ? await DynamoDbTablesAsync(context.Request) : null;
            await faults.RunAsync(operation, context, async () =>
            {
                if (protocol == AwsProtocol.DynamoDb)
                {
                    await dynamoDb.ForwardAsync(context);
                }
                else if (protocol == AwsProtocol.Sqs)
                {
                    var request = await ReadAsync(context, SqsJsonContext.Default.SqsRequest);
                    await sqs.HandleAsync(operation, request, context, SqsJsonCodec.Instance);
                }
                else if (protocol == AwsProtocol.Ssm)
                {
                    await parameters.HandleAsync(operation, context);
                }
                else
                {
                    await events.HandleAsync(operation, context);
                }
            }, tables);
        }
        catch (AwsException error)
        {
            await WriteErrorAsync(context, protocol, error);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, protocol, new AwsException("SerializationException", "The request body is not valid JSON for this operation."));
        }
    }

    /// <summary>An SQS call in the query protocol: the same operations, parameters and XML instead of JSON.</summary>
    private static async Task HandleQueryAsync(HttpContext context, Faults faults, SqsEndpoint sqs)
    {
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        try
        {
            var parameters = await SqsQueryCodec.ParametersAsync(context.Request);
            var operation = parameters.GetValueOrDefault("Action") ?? throw new AwsException("MissingAction", "The request must contain the parameter Action.");
            var request = context.Request;
            var queueUrlOfPath = request.Path.Value is null or "/" ? null : $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
            await faults.RunAsync(operation, context, () => sqs.HandleAsync(operation, SqsQueryCodec.Read(parameters, queueUrlOfPath), context, new SqsQueryCodec(operation)));
        }
        catch (AwsException error)
        {
            await SqsQueryCodec.WriteErrorAsync(context, error);
        }
        catch (InvalidDataException)
        {
            await SqsQueryCodec.WriteErrorAsync(context, new AwsException("MalformedQueryString", "The request body is not a valid form."));
        }
    }

    /// <summary>
    /// The tables a DynamoDB call names (its TableName, or the keys of a batch's RequestItems), read from a body
    /// buffered so that the call still goes on to DynamoDB Local whole. Only read while a fault is aimed at a table.
    /// </summary>
    private static async Task<HashSet<string>> DynamoDbTablesAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        request.Body.Position = 0;

        var tables = new HashSet<string>(StringComparer.Ordinal);
        if (body.RootElement.TryGetProperty("TableName", out var table) && table.GetString() is { } name)
        {
            tables.Add(name);
        }

        if (body.RootElement.TryGetProperty("RequestItems", out var items) && items.ValueKind == JsonValueKind.Object)
        {
            tables.UnionWith(items.EnumerateObject().Select(item => item.Name));
        }

        return tables;
    }

    /// <summary>Reads the request body as <typeparamref name="T"/>; an empty body is an empty request.</summary>
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : new()
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.Length == 0 ? new T() : JsonSerializer.Deserialize(buffer.ToArray(), typeInfo) ?? new T();
    }

    public static async Task WriteAsync<T>(HttpContext context, AwsProtocol protocol, T response, JsonTypeInfo<T> typeInfo)
    {
        context.Response.ContentType = protocol.ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, response, typeInfo, context.RequestAborted);
    }

    private static async Task WriteErrorAsync(HttpContext context, AwsProtocol protocol, AwsException error)
    {
        context.Response.StatusCode = error.StatusCode;
        if (protocol.QueryErrorCode(error.Code) is { } queryCode)
        {
            // SQS's JSON protocol keeps its old query-protocol codes in a header; the SDKs read both.
            context.Response.Headers["x-amzn-query-error"] = $"{queryCode};{error.Fault}";
        }

        var body = new ErrorBody(protocol.ErrorTypePrefix + error.Code, error.Message);
        await WriteAsync(context, protocol, body, LocalCloudJsonContext.Default.ErrorBody);
    }
}

/// <summary>The JSON protocols behind the edge (DynamoDB Streams shares DynamoDB's): the service, content type and how errors name their type.</summary>
public sealed record AwsProtocol(string Service, string ContentType, string ErrorTypePrefix)
{
    public static readonly AwsProtocol Sqs = new("sqs", "application/x-amz-json-1.0", "com.amazonaws.sqs#");
    public static readonly AwsProtocol Events = new("events", "application/x-amz-json-1.1", "");
    public static readonly AwsProtocol DynamoDb = new("dynamodb", "application/x-amz-json-1.0", "com.amazonaws.dynamodb.v20120810#");
    public static readonly AwsProtocol Ssm = new("ssm", "application/x-amz-json-1.1", "");

    public static AwsProtocol? For(string target) =>
        target.StartsWith(Edge.SqsPrefix, StringComparison.Ordinal) ? Sqs
        : target.StartsWith(Edge.EventsPrefix, StringComparison.Ordinal) ? Events
        : target.StartsWith(Edge.DynamoDbPrefix, StringComparison.Ordinal) || target.StartsWith(Edge.DynamoDbStreamsPrefix, StringComparison.Ordinal) ? DynamoDb
        : target.StartsWith(Edge.SsmPrefix, StringComparison.Ordinal) ? Ssm
        : null;

    public string? QueryErrorCode(string code) => this != Sqs ? null : code switch
    {
        "QueueDoesNotExist" => "AWS.SimpleQueueService.NonExistentQueue",
        "QueueNameExists" => "QueueAlreadyExists",
        "TooManyEntriesInBatchRequest" => "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "EmptyBatchRequest" => "AWS.SimpleQueueService.EmptyBatchRequest",
        "BatchEntryIdsNotDistinct" => "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
        "InvalidBatchEntryId" => "AWS.SimpleQueueService.InvalidBatchEntryId",
        "BatchRequestTooLong" => "AWS.SimpleQueueService.BatchRequestTooLong",
        "MessageNotInflight" => "AWS.SimpleQueueService.MessageNotInflight",
        "UnsupportedOperation" => "AWS.SimpleQueueService.UnsupportedOperation",
        _ => code,
    };
}

public sealed record ErrorBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("__type")] string Type,
    [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);

/// <summary>An answer with nothing to say: <c>{}</c>.</summary>
public sealed record EmptyResponse;
