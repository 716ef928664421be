namespace Ecommerce.LocalCloud.Sqs;

// The SQS JSON protocol's shapes, named as AWSSDK.SQS sends and reads them.

public sealed record SqsAttributeValue(string? DataType, string? StringValue = null, byte[]? BinaryValue = null);

public sealed class SqsRequest
{
    public string? QueueName { get; set; }
    public string? QueueUrl { get; set; }
    public string? QueueNamePrefix { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
    public Dictionary<string, string>? Attributes { get; set; }
    public List<string>? AttributeNames { get; set; }
    public List<string>? MessageSystemAttributeNames { get; set; }
    public List<string>? MessageAttributeNames { get; set; }
    public string? MessageBody { get; set; }
    public int? DelaySeconds { get; set; }
    public Dictionary<string, SqsAttributeValue>? MessageAttributes { get; set; }
    public Dictionary<string, SqsAttributeValue>? MessageSystemAttributes { get; set; }
    public int? MaxNumberOfMessages { get; set; }
    public int? WaitTimeSeconds { get; set; }
    public int? VisibilityTimeout { get; set; }
    public string? ReceiptHandle { get; set; }
    public List<SqsBatchEntry>? Entries { get; set; }
    public string? SourceArn { get; set; }
    public string? DestinationArn { get; set; }
    public int? MaxNumberOfMessagesPerSecond { get; set; }
    public string? TaskHandle { get; set; }
}

public sealed class SqsBatchEntry
{
    public string? Id { get; set; }
    public string? MessageBody { get; set; }
    public int? DelaySeconds { get; set; }
    public Dictionary<string, SqsAttributeValue>? MessageAttributes { get; set; }
    public Dictionary<string, SqsAttributeValue>? MessageSystemAttributes { get; set; }
    public string? ReceiptHandle { get; set; }
    public int? VisibilityTimeout { get; set; }
}

public sealed record QueueUrlResponse(string QueueUrl);

public sealed record ListQueuesResponse(IReadOnlyList<string> QueueUrls, string? NextToken);

public sealed record AttributesResponse(IReadOnlyDictionary<string, string> Attributes);

public sealed record SendMessageResponse(string MessageId, string MD5OfMessageBody, string? MD5OfMessageAttributes, string? MD5OfMessageSystemAttributes);

public sealed record SendMessageBatchResultEntry(string Id, string MessageId, string MD5OfMessageBody, string? MD5OfMessageAttributes, string? MD5OfMessageSystemAttributes);

public sealed record BatchResultErrorEntry(string Id, string Code, string Message, bool SenderFault);

public sealed record SendMessageBatchResponse(IReadOnlyList<SendMessageBatchResultEntry> Successful, IReadOnlyList<BatchResultErrorEntry> Failed);

public sealed record BatchResultEntry(string Id);

public sealed record BatchResponse(IReadOnlyList<BatchResultEntry> Successful, IReadOnlyList<BatchResultErrorEntry> Failed);

public sealed record ReceivedMessage(
    string MessageId,
    string ReceiptHandle,
    string MD5OfBody,
    string Body,
    IReadOnlyDictionary<string, string>? Attributes,
    IReadOnlyDictionary<string, SqsAttributeValue>? MessageAttributes,
    string? MD5OfMessageAttributes);

public sealed record ReceiveMessageResponse(IReadOnlyList<ReceivedMessage> Messages);

public sealed record StartMessageMoveTaskResponse(string TaskHandle);

public sealed record MessageMoveTaskEntry(
    string? TaskHandle,
    MessageMoveTaskStatus Status,
    string SourceArn,
    string? DestinationArn,
    int? MaxNumberOfMessagesPerSecond,
    long ApproximateNumberOfMessagesMoved,
    long ApproximateNumberOfMessagesToMove,
    string? FailureReason,
    long StartedTimestamp);

public sealed record ListMessageMoveTasksResponse(IReadOnlyList<MessageMoveTaskEntry> Results);

public sealed record CancelMessageMoveTaskResponse(long ApproximateNumberOfMessagesMoved);
