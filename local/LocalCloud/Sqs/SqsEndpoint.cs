using System.Globalization;

namespace Ecommerce.LocalCloud.Sqs;

/// <summary>SQS's operations over <see cref="SqsQueues"/>, answered through either protocol's <see cref="ISqsCodec"/>.</summary>
public sealed class SqsEndpoint(SqsQueues queues, MessageMoveTasks moveTasks, IHostApplicationLifetime lifetime, ILogger<SqsEndpoint> logger)
{
    private const int MaxBatchEntries = 10;

    public async Task HandleAsync(string operation, SqsRequest request, HttpContext context, ISqsCodec codec)
    {
        logger.SqsCall(operation, request.QueueUrl ?? request.QueueName);
        switch (operation)
        {
            case "CreateQueue":
                var created = queues.Create(request.QueueName, request.Attributes);
                await codec.WriteAsync(context, new QueueUrlResponse(UrlOf(context, created)), SqsJsonContext.Default.QueueUrlResponse);
                break;
            case "GetQueueUrl":
                var found = queues.Find(request.QueueName) ?? throw SqsQueues.QueueDoesNotExist();
                await codec.WriteAsync(context, new QueueUrlResponse(UrlOf(context, found)), SqsJsonContext.Default.QueueUrlResponse);
                break;
            case "ListQueues":
                await codec.WriteAsync(context, ListQueues(context, request), SqsJsonContext.Default.ListQueuesResponse);
                break;
            case "DeleteQueue":
                queues.Delete(queues.FromUrl(request.QueueUrl));
                await WriteEmptyAsync(context, codec);
                break;
            case "PurgeQueue":
                queues.Purge(queues.FromUrl(request.QueueUrl));
                await WriteEmptyAsync(context, codec);
                break;
            case "GetQueueAttributes":
                var attributes = Attributes(queues.FromUrl(request.QueueUrl), request.AttributeNames ?? []);
                await codec.WriteAsync(context, new AttributesResponse(attributes), SqsJsonContext.Default.AttributesResponse);
                break;
            case "SetQueueAttributes":
                queues.SetAttributes(queues.FromUrl(request.QueueUrl), request.Attributes);
                await WriteEmptyAsync(context, codec);
                break;
            case "SendMessage":
                var sent = Send(queues.FromUrl(request.QueueUrl), request.MessageBody, request.DelaySeconds, request.MessageAttributes, request.MessageSystemAttributes);
                var sentResponse = new SendMessageResponse(sent.Id, sent.MD5OfBody, SqsChecksums.OfAttributes(sent.Attributes), SqsChecksums.OfAttributes(sent.SystemAttributes));
                await codec.WriteAsync(context, sentResponse, SqsJsonContext.Default.SendMessageResponse);
                break;
            case "SendMessageBatch":
                await codec.WriteAsync(context, SendBatch(queues.FromUrl(request.QueueUrl), request.Entries), SqsJsonContext.Default.SendMessageBatchResponse);
                break;
            case "ReceiveMessage":
                var received = await ReceiveAsync(queues.FromUrl(request.QueueUrl), request, context.RequestAborted);
                await codec.WriteAsync(context, new ReceiveMessageResponse(received), SqsJsonContext.Default.ReceiveMessageResponse);
                break;
            case "DeleteMessage":
                queues.DeleteMessage(queues.FromUrl(request.QueueUrl), request.ReceiptHandle);
                await WriteEmptyAsync(context, codec);
                break;
            case "DeleteMessageBatch":
                var deleteFrom = queues.FromUrl(request.QueueUrl);
                await codec.WriteAsync(context, ForEachEntry(request.Entries, e => queues.DeleteMessage(deleteFrom, e.ReceiptHandle)), SqsJsonContext.Default.BatchResponse);
                break;
            case "ChangeMessageVisibility":
                queues.ChangeVisibility(queues.FromUrl(request.QueueUrl), request.ReceiptHandle, request.VisibilityTimeout);
                await WriteEmptyAsync(context, codec);
                break;
            case "ChangeMessageVisibilityBatch":
                var changeIn = queues.FromUrl(request.QueueUrl);
                await codec.WriteAsync(context, ForEachEntry(request.Entries, e => queues.ChangeVisibility(changeIn, e.ReceiptHandle, e.VisibilityTimeout)), SqsJsonContext.Default.BatchResponse);
                break;
            case "StartMessageMoveTask":
                var task = moveTasks.Start(request.SourceArn, request.DestinationArn, request.MaxNumberOfMessagesPerSecond);
                await codec.WriteAsync(context, new StartMessageMoveTaskResponse(task.Handle), SqsJsonContext.Default.StartMessageMoveTaskResponse);
                break;
            case "ListMessageMoveTasks":
                var tasks = moveTasks.List(request.SourceArn, request.MaxResults);
                await codec.WriteAsync(context, new ListMessageMoveTasksResponse(tasks), SqsJsonContext.Default.ListMessageMoveTasksResponse);
                break;
            case "CancelMessageMoveTask":
                var moved = moveTasks.Cancel(request.TaskHandle);
                await codec.WriteAsync(context, new CancelMessageMoveTaskResponse(moved), SqsJsonContext.Default.CancelMessageMoveTaskResponse);
                break;
            default:
                throw new AwsException("UnsupportedOperation", $"LocalCloud does not implement SQS {operation}.");
        }
    }

    private static Task WriteEmptyAsync(HttpContext context, ISqsCodec codec) =>
        codec.WriteAsync(context, new EmptyResponse(), LocalCloudJsonContext.Default.EmptyResponse);

    private static string UrlOf(HttpContext context, SqsQueue queue) =>
        $"{context.Request.Scheme}://{context.Request.Host}/{queue.Arn.Split(':')[4]}/{queue.Name}";

    private ListQueuesResponse ListQueues(HttpContext context, SqsRequest request)
    {
        if (request.MaxResults is < 1 or > 1000)
        {
            throw new AwsException("InvalidParameterValue", "Value for parameter MaxResults is invalid. Reason: Must be between 1 and 1000.");
        }

        var after = request.NextToken ?? "";
        var matching = queues.All
            .Where(q => q.Name.StartsWith(request.QueueNamePrefix ?? "", StringComparison.Ordinal) && string.CompareOrdinal(q.Name, after) > 0)
            .ToList();
        var page = matching.Take(request.MaxResults ?? 1000).ToList();
        var nextToken = request.MaxResults is not null && matching.Count > page.Count ? page[^1].Name : null;
        return new ListQueuesResponse([.. page.Select(q => UrlOf(context, q))], nextToken);
    }

    private Dictionary<string, string> Attributes(SqsQueue queue, IReadOnlyCollection<string> names)
    {
        var (visible, inFlight, delayed) = queues.Counts(queue);
        var all = new Dictionary<string, string>
        {
            ["QueueArn"] = queue.Arn,
            ["ApproximateNumberOfMessages"] = Text(visible),
            ["ApproximateNumberOfMessagesNotVisible"] = Text(inFlight),
            ["ApproximateNumberOfMessagesDelayed"] = Text(delayed),
            ["CreatedTimestamp"] = Text(queue.CreatedAt.ToUnixTimeSeconds()),
            ["LastModifiedTimestamp"] = Text(queue.LastModifiedAt.ToUnixTimeSeconds()),
        };
        lock (queue)
        {
            foreach (var (name, value) in queue.Attributes)
            {
                all[name] = value;
            }
        }

        // Like SQS, a name the queue has no value for is left out rather than refused.
        return names.Contains("All") ? all : all.Where(a => names.Contains(a.Key)).ToDictionary();
    }

    private SqsMessage Send(
        SqsQueue queue,
        string? body,
        int? delaySeconds,
        IReadOnlyDictionary<string, SqsAttributeValue>? attributes,
        IReadOnlyDictionary<string, SqsAttributeValue>? systemAttributes)
    {
        if (string.IsNullOrEmpty(body))
        {
            throw new AwsException("MissingParameter", "The request must contain the parameter MessageBody.");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(body) > queue.MaximumMessageSize)
        {
            throw new AwsException("InvalidParameterValue", $"One or more parameters are invalid. Reason: Message must be shorter than {queue.MaximumMessageSize} bytes.");
        }

        if (delaySeconds is < 0 or > 900)
        {
            throw new AwsException("InvalidParameterValue", $"Value {delaySeconds} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.");
        }

        foreach (var (name, value) in systemAttributes ?? new Dictionary<string, SqsAttributeValue>())
        {
            if (name != SqsMessage.TraceHeader)
            {
                throw new AwsException("InvalidParameterValue", $"Message system attribute name '{name}' is invalid. Reason: the only one a sender can set is {SqsMessage.TraceHeader}.");
            }

            if (value.DataType != "String" || string.IsNullOrEmpty(value.StringValue))
            {
                throw new AwsException("InvalidParameterValue", $"Message system attribute '{name}' is invalid. Reason: it must be a String with a value.");
            }
        }

        return queues.Send(queue, body, delaySeconds, attributes, systemAttributes);
    }

    private SendMessageBatchResponse SendBatch(SqsQueue queue, List<SqsBatchEntry>? entries)
    {
        CheckBatch(entries);
        if (entries.Sum(e => System.Text.Encoding.UTF8.GetByteCount(e.MessageBody ?? "")) > SqsQueues.MaxMessageBytes)
        {
            throw new AwsException("BatchRequestTooLong", $"Batch requests cannot be longer than {SqsQueues.MaxMessageBytes} bytes.");
        }

        List<SendMessageBatchResultEntry> successful = [];
        List<BatchResultErrorEntry> failed = [];
        foreach (var entry in entries)
        {
            try
            {
                var sent = Send(queue, entry.MessageBody, entry.DelaySeconds, entry.MessageAttributes, entry.MessageSystemAttributes);
                successful.Add(new SendMessageBatchResultEntry(entry.Id!, sent.Id, sent.MD5OfBody, SqsChecksums.OfAttributes(sent.Attributes), SqsChecksums.OfAttributes(sent.SystemAttributes)));
            }
            catch (AwsException error)
            {
                failed.Add(new BatchResultErrorEntry(entry.Id!, error.Code, error.Message, SenderFault: true));
            }
        }

        return new SendMessageBatchResponse(successful, failed);
    }

    private static BatchResponse ForEachEntry(List<SqsBatchEntry>? entries, Action<SqsBatchEntry> apply)
    {
        CheckBatch(entries);
        List<BatchResultEntry> successful = [];
        List<BatchResultErrorEntry> failed = [];
        foreach (var entry in entries)
        {
            try
            {
                apply(entry);
                successful.Add(new BatchResultEntry(entry.Id!));
            }
            catch (AwsException error)
            {
                failed.Add(new BatchResultErrorEntry(entry.Id!, error.Code, error.Message, SenderFault: true));
            }
        }

        return new BatchResponse(successful, failed);
    }

    private static void CheckBatch([System.Diagnostics.CodeAnalysis.NotNull] List<SqsBatchEntry>? entries)
    {
        if (entries is null || entries.Count == 0)
        {
            throw new AwsException("EmptyBatchRequest", "There should be at least one entry in the request.");
        }

        if (entries.Count > MaxBatchEntries)
        {
            throw new AwsException("TooManyEntriesInBatchRequest", $"Maximum number of entries per request are {MaxBatchEntries}. You have sent {entries.Count}.");
        }

        if (entries.Any(e => e.Id is null || e.Id.Length > 80 || !e.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new AwsException("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
        }

        if (entries.DistinctBy(e => e.Id).Count() != entries.Count)
        {
            throw new AwsException("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
        }
    }

    private async Task<List<ReceivedMessage>> ReceiveAsync(SqsQueue queue, SqsRequest request, CancellationToken cancellationToken)
    {
        if (request.MaxNumberOfMessages is < 1 or > 10)
        {
            throw new AwsException("InvalidParameterValue", $"Value {request.MaxNumberOfMessages} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        }

        if (request.WaitTimeSeconds is < 0 or > 20)
        {
            throw new AwsException("InvalidParameterValue", $"Value {request.WaitTimeSeconds} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
        }

        if (request.VisibilityTimeout is < 0 or > 43_200)
        {
            throw new AwsException("InvalidParameterValue", $"Value {request.VisibilityTimeout} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.");
        }

        var wait = TimeSpan.FromSeconds(request.WaitTimeSeconds ?? queue.ReceiveMessageWaitTimeSeconds);
        // Stopping ends long polls at once, so shutdown does not wait out their 20 seconds.
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var messages = await queues.ReceiveAsync(queue, request.MaxNumberOfMessages ?? 1, wait, request.VisibilityTimeout, polling.Token);
        var systemNames = (request.MessageSystemAttributeNames ?? []).Concat(request.AttributeNames ?? []).ToHashSet();
        return [.. messages.Select(m => Received(m, systemNames, request.MessageAttributeNames ?? []))];
    }

    private static ReceivedMessage Received(SqsMessage message, HashSet<string> systemNames, List<string> attributeNames)
    {
        var system = new Dictionary<string, string>
        {
            ["ApproximateReceiveCount"] = Text(message.ReceiveCount),
            ["ApproximateFirstReceiveTimestamp"] = Text(message.FirstReceivedAt!.Value.ToUnixTimeMilliseconds()),
            ["SentTimestamp"] = Text(message.SentAt.ToUnixTimeMilliseconds()),
            ["SenderId"] = "AIDALOCALCLOUD",
        };
        if (message.DeadLetterQueueSourceArn is { } sourceArn)
        {
            system["DeadLetterQueueSourceArn"] = sourceArn;
        }

        if (message.SystemAttributes?.GetValueOrDefault(SqsMessage.TraceHeader)?.StringValue is { } traceHeader)
        {
            system[SqsMessage.TraceHeader] = traceHeader;
        }
        var wantsAll = systemNames.Contains("All");
        var attributes = system.Where(a => wantsAll || systemNames.Contains(a.Key)).ToDictionary();

        var messageAttributes = message.Attributes?
            .Where(a => attributeNames.Any(n => n is "All" or ".*" || n == a.Key || (n.EndsWith(".*", StringComparison.Ordinal) && a.Key.StartsWith(n[..^1], StringComparison.Ordinal))))
            .ToDictionary();
        if (messageAttributes?.Count == 0)
        {
            messageAttributes = null;
        }

        return new ReceivedMessage(
            message.Id,
            message.ReceiptHandle!,
            message.MD5OfBody,
            message.Body,
            attributes.Count == 0 ? null : attributes,
            messageAttributes,
            SqsChecksums.OfAttributes(messageAttributes));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
