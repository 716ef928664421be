using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.LocalCloud.Sqs;

/// <summary>Where a message move task stands, as ListMessageMoveTasks reports it.</summary>
public enum MessageMoveTaskStatus
{
    [JsonStringEnumMemberName("RUNNING")]
    Running,

    [JsonStringEnumMemberName("COMPLETED")]
    Completed,

    [JsonStringEnumMemberName("CANCELLING")]
    Cancelling,

    [JsonStringEnumMemberName("CANCELLED")]
    Cancelled,

    [JsonStringEnumMemberName("FAILED")]
    Failed,
}

/// <summary>What became of one step of a move.</summary>
public enum MoveOutcome
{
    Moved,
    NothingVisible,
    DestinationUnknown,
    DestinationMissing,
}

/// <summary>One redrive out of a dead-letter queue. Its mutable state is read and written under a lock on it.</summary>
public sealed class MessageMoveTask(string sourceArn, string? destinationArn, int? maxNumberOfMessagesPerSecond, long toMove, DateTimeOffset startedAt)
{
    public string Id { get; } = Guid.NewGuid().ToString();
    public string SourceArn { get; } = sourceArn;
    public string? DestinationArn { get; } = destinationArn;
    public int? MaxNumberOfMessagesPerSecond { get; } = maxNumberOfMessagesPerSecond;
    public long ToMove { get; } = toMove;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public MessageMoveTaskStatus Status { get; set; } = MessageMoveTaskStatus.Running;
    public long Moved { get; set; }
    public string? FailureReason { get; set; }
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>As SQS's handles: base64 of a small JSON document naming the task and its source queue.</summary>
    public string Handle => Convert.ToBase64String(
        JsonSerializer.SerializeToUtf8Bytes(new TaskHandle(Id, SourceArn), SqsJsonContext.Default.TaskHandle));

    public MessageMoveTaskEntry Entry()
    {
        lock (this)
        {
            return new MessageMoveTaskEntry(
                Status == MessageMoveTaskStatus.Running ? Handle : null, Status, SourceArn, DestinationArn, MaxNumberOfMessagesPerSecond,
                Moved, ToMove, FailureReason, StartedAt.ToUnixTimeMilliseconds());
        }
    }
}

public sealed record TaskHandle(
    [property: JsonPropertyName("taskId")] string TaskId,
    [property: JsonPropertyName("sourceArn")] string SourceArn);

/// <summary>
/// SQS's message move tasks: StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask. A task moves
/// the messages visible in a dead-letter queue when it starts, to a destination queue or back to the queue each
/// came from, at most <c>MaxNumberOfMessagesPerSecond</c> a second when that is given and otherwise all at once.
/// </summary>
public sealed class MessageMoveTasks(SqsQueues queues, TimeProvider time, ILogger<MessageMoveTasks> logger) : IDisposable
{
    private const int MaxRate = 500;
    private const int TasksKept = 10;

    private readonly List<MessageMoveTask> _tasks = [];

    public MessageMoveTask Start(string? sourceArn, string? destinationArn, int? maxNumberOfMessagesPerSecond)
    {
        var source = queues.FindByArn(Required(sourceArn, "SourceArn"))
            ?? throw NotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
        if (maxNumberOfMessagesPerSecond is < 1 or > MaxRate)
        {
            throw new AwsException("InvalidParameterValue", $"Value {maxNumberOfMessagesPerSecond} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and {MaxRate}, if provided.");
        }

        if (!queues.IsDeadLetterQueue(source.Arn))
        {
            throw new AwsException("InvalidParameterValue", "Source queue must be configured as a Dead Letter Queue.");
        }

        if (destinationArn is not null)
        {
            if (destinationArn == source.Arn)
            {
                throw new AwsException("InvalidParameterValue", "Source queue arn and destination queue arn cannot be the same.");
            }

            _ = queues.FindByArn(destinationArn) ?? throw NotFound("The resource that you specified for the DestinationArn parameter doesn't exist.");
        }

        MessageMoveTask task;
        lock (_tasks)
        {
            if (_tasks.Any(t => t.SourceArn == source.Arn && t.Status is MessageMoveTaskStatus.Running or MessageMoveTaskStatus.Cancelling))
            {
                throw new AwsException("InvalidParameterValue", "There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
            }

            task = new MessageMoveTask(source.Arn, destinationArn, maxNumberOfMessagesPerSecond, queues.Counts(source).Visible, queues.Now);
            _tasks.Add(task);
            var older = _tasks.Where(t => t.SourceArn == source.Arn).SkipLast(TasksKept).ToList();
            _tasks.RemoveAll(older.Contains);
        }

        logger.MoveTaskStarted(task.Id, task.SourceArn, task.DestinationArn, task.ToMove);
        // Runs on its own; without a rate it never waits, so it has finished when Start returns.
        _ = RunAsync(task, source);
        return task;
    }

    /// <summary>The most recent tasks of a source queue, newest first.</summary>
    public IReadOnlyList<MessageMoveTaskEntry> List(string? sourceArn, int? maxResults)
    {
        var source = queues.FindByArn(Required(sourceArn, "SourceArn"))
            ?? throw NotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
        if (maxResults is < 1 or > TasksKept)
        {
            throw new AwsException("InvalidParameterValue", $"Value {maxResults} for parameter MaxResults is invalid. Reason: You must enter a number that's between 1 and {TasksKept}.");
        }

        lock (_tasks)
        {
            return [.. _tasks.Where(t => t.SourceArn == source.Arn).Reverse().Take(maxResults ?? 1).Select(t => t.Entry())];
        }
    }

    /// <summary>Stops a running task; what it moved stays moved. Returns how many it moved.</summary>
    public long Cancel(string? taskHandle)
    {
        TaskHandle? handle;
        try
        {
            handle = JsonSerializer.Deserialize(Convert.FromBase64String(Required(taskHandle, "TaskHandle")), SqsJsonContext.Default.TaskHandle);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            handle = null;
        }

        if (handle?.TaskId is null || handle.SourceArn is null)
        {
            throw new AwsException("InvalidParameterValue", "Value for parameter TaskHandle is invalid.");
        }

        _ = queues.FindByArn(handle.SourceArn) ?? throw NotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
        MessageMoveTask task;
        lock (_tasks)
        {
            task = _tasks.Find(t => t.Id == handle.TaskId && t.SourceArn == handle.SourceArn) ?? throw NotFound("Task does not exist.");
        }

        lock (task)
        {
            if (task.Status != MessageMoveTaskStatus.Running)
            {
                throw new AwsException("InvalidParameterValue", $"Only a RUNNING task can be cancelled; this one is {task.Status.ToString().ToUpperInvariant()}.");
            }

            task.Status = MessageMoveTaskStatus.Cancelling;
            task.Cancellation.Cancel();
            return task.Moved;
        }
    }

    /// <summary>Forgets every task, stopping those still running.</summary>
    public void Clear()
    {
        lock (_tasks)
        {
            foreach (var task in _tasks)
            {
                task.Cancellation.Cancel();
            }

            _tasks.Clear();
        }
    }

    public void Dispose() => Clear();

    private async Task RunAsync(MessageMoveTask task, SqsQueue source)
    {
        var pause = task.MaxNumberOfMessagesPerSecond is { } rate ? TimeSpan.FromSeconds(1.0 / rate) : TimeSpan.Zero;
        var outcome = MoveOutcome.Moved;
        try
        {
            for (var moved = 0L; moved < task.ToMove && !task.Cancellation.IsCancellationRequested; moved++)
            {
                outcome = queues.MoveNext(source, message => task.DestinationArn ?? message.DeadLetterQueueSourceArn);
                if (outcome != MoveOutcome.Moved)
                {
                    break;
                }

                lock (task)
                {
                    task.Moved++;
                }

                if (pause > TimeSpan.Zero && moved + 1 < task.ToMove)
                {
                    await Task.Delay(pause, time, task.Cancellation.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        lock (task)
        {
            (task.Status, task.FailureReason) = outcome switch
            {
                _ when task.Cancellation.IsCancellationRequested => (MessageMoveTaskStatus.Cancelled, null),
                MoveOutcome.DestinationMissing => (MessageMoveTaskStatus.Failed, "AWS.SimpleQueueService.NonExistentQueue"),
                MoveOutcome.DestinationUnknown => (MessageMoveTaskStatus.Failed, "CouldNotDetermineMessageSource"),
                _ => (MessageMoveTaskStatus.Completed, (string?)null),
            };
        }

        logger.MoveTaskEnded(task.Id, task.Status, task.Moved);
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw new AwsException("MissingParameter", $"The request must contain the parameter {name}.") : value;

    private static AwsException NotFound(string message) => new("ResourceNotFoundException", message, StatusCodes.Status404NotFound);
}
