using System.Globalization;

namespace Ecommerce.LocalCloud.Sqs;

/// <summary>A message as SQS holds it: its body, its attributes and where it is in its visibility cycle.</summary>
public sealed class SqsMessage(
    string body,
    IReadOnlyDictionary<string, SqsAttributeValue>? attributes,
    IReadOnlyDictionary<string, SqsAttributeValue>? systemAttributes,
    DateTimeOffset sentAt,
    DateTimeOffset visibleAt)
{
    /// <summary>The one system attribute a sender may set, the X-Ray trace header.</summary>
    public const string TraceHeader = "AWSTraceHeader";

    public string Id { get; } = Guid.NewGuid().ToString();
    public string Body { get; } = body;
    public string MD5OfBody { get; } = SqsChecksums.OfBody(body);
    public IReadOnlyDictionary<string, SqsAttributeValue>? Attributes { get; } = attributes;

    /// <summary>What the sender set of the system attributes: only <see cref="TraceHeader"/>.</summary>
    public IReadOnlyDictionary<string, SqsAttributeValue>? SystemAttributes { get; } = systemAttributes;
    public DateTimeOffset SentAt { get; } = sentAt;
    public DateTimeOffset VisibleAt { get; set; } = visibleAt;
    public int ReceiveCount { get; set; }
    public DateTimeOffset? FirstReceivedAt { get; set; }

    /// <summary>The queue whose redrive policy moved the message here, as SQS's <c>DeadLetterQueueSourceArn</c> says.</summary>
    public string? DeadLetterQueueSourceArn { get; set; }

    /// <summary>The handle of the latest receive; only it can delete the message.</summary>
    public string? ReceiptHandle { get; set; }

    public bool IsInFlight(DateTimeOffset now) => ReceiptHandle is not null && VisibleAt > now;
}

/// <summary>The redrive policy of a queue: after <see cref="MaxReceiveCount"/> receives a message moves on.</summary>
public sealed record RedrivePolicy(
    [property: System.Text.Json.Serialization.JsonPropertyName("deadLetterTargetArn")] string DeadLetterTargetArn,
    [property: System.Text.Json.Serialization.JsonPropertyName("maxReceiveCount")] int MaxReceiveCount);

/// <summary>One standard queue. Every member is called under a lock on the queue.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is an SQS queue.")]
public sealed class SqsQueue(string name, string arn, DateTimeOffset createdAt, IReadOnlyDictionary<string, string> attributes)
{
    private TaskCompletionSource _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;
    public string Arn { get; } = arn;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset LastModifiedAt { get; set; } = createdAt;
    public bool IsDeleted { get; set; }

    /// <summary>The settable attributes, with SQS's defaults filled in.</summary>
    public Dictionary<string, string> Attributes { get; } = new(attributes);

    public List<SqsMessage> Messages { get; } = [];

    /// <summary>Completes when a message arrives or becomes visible early, waking long polls.</summary>
    public Task Arrival => _arrival.Task;

    public int VisibilityTimeout => Int("VisibilityTimeout");
    public int DelaySeconds => Int("DelaySeconds");
    public int ReceiveMessageWaitTimeSeconds => Int("ReceiveMessageWaitTimeSeconds");
    public int MessageRetentionPeriod => Int("MessageRetentionPeriod");
    public int MaximumMessageSize => Int("MaximumMessageSize");
    public RedrivePolicy? RedrivePolicy { get; set; }

    public void Signal()
    {
        var arrived = _arrival;
        _arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arrived.TrySetResult();
    }

    /// <summary>Drops what has outlived the retention period.</summary>
    public void Expire(DateTimeOffset now) =>
        Messages.RemoveAll(m => m.SentAt.AddSeconds(MessageRetentionPeriod) <= now);

    public DateTimeOffset? NextVisibleAt(DateTimeOffset now) =>
        Messages.Where(m => m.VisibleAt > now).Select(m => (DateTimeOffset?)m.VisibleAt).Min();

    private int Int(string attribute) => int.Parse(Attributes[attribute], CultureInfo.InvariantCulture);
}
