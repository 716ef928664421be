using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ecommerce.LocalCloud.Sqs;

/// <summary>Every queue, in memory, with SQS's rules for sending, receiving, visibility and redrive.</summary>
public sealed partial class SqsQueues(LocalCloudOptions options, TimeProvider time)
{
    /// <summary>SQS's largest message and batch, 1 MiB since August 2025; a queue still defaults to 256 KiB.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private static readonly Dictionary<string, (string Default, int Min, int Max)> NumericAttributes = new()
    {
        ["VisibilityTimeout"] = ("30", 0, 43_200),
        ["MessageRetentionPeriod"] = ("345600", 60, 1_209_600),
        ["DelaySeconds"] = ("0", 0, 900),
        ["ReceiveMessageWaitTimeSeconds"] = ("0", 0, 20),
        ["MaximumMessageSize"] = ("262144", 1024, MaxMessageBytes),
    };

    // Accepted and reported back, without effect here.
    private static readonly HashSet<string> KeptAsGiven = ["Policy", "RedriveAllowPolicy", "SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds"];

    private readonly ConcurrentDictionary<string, SqsQueue> _queues = new(StringComparer.Ordinal);

    public DateTimeOffset Now => time.GetUtcNow();

    public string ArnOf(string name) => $"arn:aws:sqs:{options.Region}:{options.AccountId}:{name}";

    public IEnumerable<SqsQueue> All => _queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal);

    /// <summary>Creates the queue, or returns the existing one when its attributes are the same.</summary>
    public SqsQueue Create(string? name, IReadOnlyDictionary<string, string>? attributes)
    {
        if (name is null || !QueueName().IsMatch(name))
        {
            throw new AwsException("InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.");
        }

        var requested = attributes ?? new Dictionary<string, string>();
        var settings = ValidAttributes(requested);
        var created = new SqsQueue(name, ArnOf(name), Now, NumericAttributes.ToDictionary(a => a.Key, a => a.Value.Default));
        Apply(created, settings);
        var queue = _queues.GetOrAdd(name, created);
        lock (queue)
        {
            if (queue != created && requested.Any(a => !queue.Attributes.TryGetValue(a.Key, out var current) || current != settings[a.Key]))
            {
                throw new AwsException("QueueNameExists", $"A queue already exists with the same name and a different value for attribute(s) {string.Join(", ", requested.Keys)}.");
            }
        }

        return queue;
    }

    public void SetAttributes(SqsQueue queue, IReadOnlyDictionary<string, string>? attributes)
    {
        var settings = ValidAttributes(attributes ?? new Dictionary<string, string>());
        lock (queue)
        {
            Apply(queue, settings);
            queue.LastModifiedAt = Now;
        }
    }

    /// <summary>Finds a queue by URL (any host; the last path segment names it) or throws QueueDoesNotExist.</summary>
    public SqsQueue FromUrl(string? queueUrl)
    {
        var name = queueUrl?.TrimEnd('/').Split('/')[^1];
        return Find(name) ?? throw QueueDoesNotExist();
    }

    public SqsQueue? Find(string? name) => name is not null && _queues.TryGetValue(name, out var queue) ? queue : null;

    /// <summary>The queue with exactly this ARN (region and account included), or null.</summary>
    public SqsQueue? FindByArn(string? arn) => Find(arn?.Split(':')[^1]) is { } queue && queue.Arn == arn ? queue : null;

    /// <summary>True when some queue's redrive policy names <paramref name="arn"/> as its dead-letter queue.</summary>
    public bool IsDeadLetterQueue(string arn) => _queues.Values.Any(q => q.RedrivePolicy?.DeadLetterTargetArn == arn);

    public static AwsException QueueDoesNotExist() => new("QueueDoesNotExist", "The specified queue does not exist.");

    public void Delete(SqsQueue queue)
    {
        _queues.TryRemove(queue.Name, out _);
        lock (queue)
        {
            queue.IsDeleted = true;
            queue.Messages.Clear();
            queue.Signal();
        }
    }

    public void Purge(SqsQueue queue)
    {
        lock (queue)
        {
            queue.Messages.Clear();
        }
    }

    public void Clear()
    {
        foreach (var queue in _queues.Values)
        {
            Delete(queue);
        }
    }

    public SqsMessage Send(
        SqsQueue queue,
        string body,
        int? delaySeconds,
        IReadOnlyDictionary<string, SqsAttributeValue>? attributes,
        IReadOnlyDictionary<string, SqsAttributeValue>? systemAttributes = null)
    {
        lock (queue)
        {
            var now = Now;
            var message = new SqsMessage(body, attributes, systemAttributes, now, now.AddSeconds(delaySeconds ?? queue.DelaySeconds));
            queue.Messages.Add(message);
            queue.Signal();
            return message;
        }
    }

    /// <summary>
    /// Moves the oldest visible message of <paramref name="source"/> to the queue whose ARN
    /// <paramref name="destinationArnOf"/> gives for it, as a new message with the same body and attributes, system ones included.
    /// </summary>
    public MoveOutcome MoveNext(SqsQueue source, Func<SqsMessage, string?> destinationArnOf)
    {
        SqsMessage? message;
        SqsQueue? destination;
        lock (source)
        {
            var now = Now;
            source.Expire(now);
            message = source.Messages.Find(m => m.VisibleAt <= now);
            if (message is null)
            {
                return MoveOutcome.NothingVisible;
            }

            var arn = destinationArnOf(message);
            destination = FindByArn(arn);
            if (destination is null)
            {
                return arn is null ? MoveOutcome.DestinationUnknown : MoveOutcome.DestinationMissing;
            }

            source.Messages.Remove(message);
        }

        Send(destination, message.Body, delaySeconds: 0, message.Attributes, message.SystemAttributes);
        return MoveOutcome.Moved;
    }

    /// <summary>
    /// Receives up to <paramref name="max"/> visible messages, waiting up to <paramref name="wait"/> for the
    /// first one; each receive hides the message for the visibility timeout and may redrive it.
    /// A cancelled wait ends like an expired one, with nothing.
    /// </summary>
    public async Task<IReadOnlyList<SqsMessage>> ReceiveAsync(SqsQueue queue, int max, TimeSpan wait, int? visibilityTimeout, CancellationToken cancellationToken)
    {
        var deadline = Now + wait;
        while (true)
        {
            List<SqsMessage> received = [];
            List<SqsMessage> redriven = [];
            Task arrival;
            DateTimeOffset? nextVisible;
            var now = Now;
            lock (queue)
            {
                queue.Expire(now);
                foreach (var message in queue.Messages.Where(m => m.VisibleAt <= now).ToList())
                {
                    if (received.Count == max)
                    {
                        break;
                    }

                    // SQS moves a message on when it would be received more than maxReceiveCount times.
                    if (queue.RedrivePolicy is { } policy && message.ReceiveCount >= policy.MaxReceiveCount
                        && Find(policy.DeadLetterTargetArn.Split(':')[^1]) is not null)
                    {
                        queue.Messages.Remove(message);
                        redriven.Add(message);
                        continue;
                    }

                    message.ReceiveCount++;
                    message.FirstReceivedAt ??= now;
                    message.VisibleAt = now.AddSeconds(visibilityTimeout ?? queue.VisibilityTimeout);
                    message.ReceiptHandle = NewReceiptHandle(queue, message);
                    received.Add(message);
                }

                arrival = queue.Arrival;
                nextVisible = queue.IsDeleted ? null : queue.NextVisibleAt(now);
            }

            MoveToDeadLetterQueue(queue, redriven);
            if (received.Count > 0 || now >= deadline || queue.IsDeleted)
            {
                return received;
            }

            var wakeAt = nextVisible is { } visible && visible < deadline ? visible : deadline;
            await Task.WhenAny(arrival, Task.Delay(wakeAt - now, time, cancellationToken));
            if (cancellationToken.IsCancellationRequested)
            {
                return received;
            }
        }
    }

    /// <summary>Deletes the message when the handle is its latest; an older handle deletes nothing, as in SQS.</summary>
    public void DeleteMessage(SqsQueue queue, string? receiptHandle)
    {
        var messageId = MessageIdOf(queue, receiptHandle);
        lock (queue)
        {
            queue.Messages.RemoveAll(m => m.Id == messageId && m.ReceiptHandle == receiptHandle);
        }
    }

    public void ChangeVisibility(SqsQueue queue, string? receiptHandle, int? visibilityTimeout)
    {
        var messageId = MessageIdOf(queue, receiptHandle);
        if (visibilityTimeout is not (>= 0 and <= 43_200))
        {
            throw new AwsException("InvalidParameterValue", "Value for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.");
        }

        lock (queue)
        {
            var now = Now;
            var message = queue.Messages.Find(m => m.Id == messageId && m.ReceiptHandle == receiptHandle)
                ?? throw new AwsException("InvalidParameterValue", $"Value {receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.");
            if (!message.IsInFlight(now))
            {
                throw new AwsException("MessageNotInflight", "The message referred to isn't in flight.");
            }

            message.VisibleAt = now.AddSeconds(visibilityTimeout.Value);
            queue.Signal();
        }
    }

    public (int Visible, int InFlight, int Delayed) Counts(SqsQueue queue)
    {
        lock (queue)
        {
            var now = Now;
            queue.Expire(now);
            var visible = queue.Messages.Count(m => m.VisibleAt <= now);
            var inFlight = queue.Messages.Count(m => m.IsInFlight(now));
            return (visible, inFlight, queue.Messages.Count - visible - inFlight);
        }
    }

    private void MoveToDeadLetterQueue(SqsQueue queue, List<SqsMessage> messages)
    {
        if (messages.Count == 0 || Find(queue.RedrivePolicy?.DeadLetterTargetArn.Split(':')[^1]) is not { } deadLetterQueue)
        {
            return;
        }

        lock (deadLetterQueue)
        {
            foreach (var message in messages)
            {
                message.VisibleAt = Now;
                message.ReceiptHandle = null;
                message.DeadLetterQueueSourceArn = queue.Arn;
                deadLetterQueue.Messages.Add(message);
            }

            deadLetterQueue.Signal();
        }
    }

    private static string NewReceiptHandle(SqsQueue queue, SqsMessage message) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{queue.Name}\n{message.Id}\n{Guid.NewGuid():N}"));

    private static string MessageIdOf(SqsQueue queue, string? receiptHandle)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(receiptHandle ?? "")).Split('\n');
            if (parts.Length == 3 && parts[0] == queue.Name)
            {
                return parts[1];
            }
        }
        catch (FormatException)
        {
        }

        throw new AwsException("ReceiptHandleIsInvalid", $"The input receipt handle \"{receiptHandle}\" is not a valid receipt handle.");
    }

    private static Dictionary<string, string> ValidAttributes(IReadOnlyDictionary<string, string> attributes)
    {
        var valid = new Dictionary<string, string>();
        foreach (var (name, value) in attributes)
        {
            if (name == "RedrivePolicy")
            {
                valid[name] = value.Length == 0 ? value : JsonSerializer.Serialize(ParseRedrivePolicy(value), SqsJsonContext.Default.RedrivePolicy);
                continue;
            }

            if (KeptAsGiven.Contains(name))
            {
                valid[name] = value;
                continue;
            }

            if (!NumericAttributes.TryGetValue(name, out var range))
            {
                throw new AwsException("InvalidAttributeName", $"Unknown or unsupported attribute {name} (LocalCloud has no FIFO queues).");
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < range.Min || number > range.Max)
            {
                throw new AwsException("InvalidAttributeValue", $"Invalid value for the parameter {name}. Reason: must be between {range.Min} and {range.Max}.");
            }

            valid[name] = number.ToString(CultureInfo.InvariantCulture);
        }

        return valid;
    }

    private static RedrivePolicy ParseRedrivePolicy(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var arn = root.GetProperty("deadLetterTargetArn").GetString();
            var maxReceiveCount = root.GetProperty("maxReceiveCount");
            var count = maxReceiveCount.ValueKind == JsonValueKind.String
                ? int.Parse(maxReceiveCount.GetString()!, CultureInfo.InvariantCulture)
                : maxReceiveCount.GetInt32();
            if (arn is null || !arn.StartsWith("arn:aws:sqs:", StringComparison.Ordinal) || count is < 1 or > 1000)
            {
                throw new FormatException();
            }

            return new RedrivePolicy(arn, count);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new AwsException("InvalidAttributeValue", "Value for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map with deadLetterTargetArn and maxReceiveCount (1 to 1000).");
        }
    }

    private static void Apply(SqsQueue queue, Dictionary<string, string> settings)
    {
        foreach (var (name, value) in settings)
        {
            if (name == "RedrivePolicy" && value.Length == 0)
            {
                queue.Attributes.Remove(name);
                queue.RedrivePolicy = null;
                continue;
            }

            queue.Attributes[name] = value;
            if (name == "RedrivePolicy")
            {
                queue.RedrivePolicy = JsonSerializer.Deserialize(value, SqsJsonContext.Default.RedrivePolicy);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex QueueName();
}
