using Ecommerce.LocalCloud.Sqs;

namespace Ecommerce.LocalCloud;

// What SQS writes: operations, queues and move tasks; never a message body or attribute.
internal static partial class Log
{
    [LoggerMessage(LogLevel.Debug, "SQS {Operation} {Queue}")]
    public static partial void SqsCall(this ILogger logger, string operation, string? queue);

    [LoggerMessage(LogLevel.Information, "Message move task {TaskId} started: {ToMove} message(s) from {SourceArn} to {DestinationArn}")]
    public static partial void MoveTaskStarted(this ILogger logger, string taskId, string sourceArn, string? destinationArn, long toMove);

    [LoggerMessage(LogLevel.Information, "Message move task {TaskId} ended {Status} after moving {Moved} message(s)")]
    public static partial void MoveTaskEnded(this ILogger logger, string taskId, MessageMoveTaskStatus status, long moved);
}
