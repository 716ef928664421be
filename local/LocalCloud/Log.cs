namespace Ecommerce.LocalCloud;

/// <summary>What LocalCloud writes to its log; never a message body or event detail.</summary>
internal static partial class Log
{
    [LoggerMessage(LogLevel.Debug, "SQS {Operation} {Queue}")]
    public static partial void SqsCall(this ILogger logger, string operation, string? queue);

    [LoggerMessage(LogLevel.Debug, "EventBridge {Operation} {Name}")]
    public static partial void EventBridgeCall(this ILogger logger, string operation, string? name);

    [LoggerMessage(LogLevel.Warning, "Target {TargetId} names queue {QueueArn}, which does not exist; the event is dropped")]
    public static partial void TargetQueueMissing(this ILogger logger, string? targetId, string? queueArn);

    [LoggerMessage(LogLevel.Information, "Injected fault {ErrorCode} ({Mode}) into {Operation}")]
    public static partial void FaultInjected(this ILogger logger, string errorCode, FaultMode mode, string operation);

    [LoggerMessage(LogLevel.Information, "Message move task {TaskId} started: {ToMove} message(s) from {SourceArn} to {DestinationArn}")]
    public static partial void MoveTaskStarted(this ILogger logger, string taskId, string sourceArn, string? destinationArn, long toMove);

    [LoggerMessage(LogLevel.Information, "Message move task {TaskId} ended {Status} after moving {Moved} message(s)")]
    public static partial void MoveTaskEnded(this ILogger logger, string taskId, MessageMoveTaskStatus status, long moved);
}
