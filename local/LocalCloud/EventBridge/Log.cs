namespace Ecommerce.LocalCloud;

// What EventBridge writes: operations and undeliverable targets; never an event's detail.
internal static partial class Log
{
    [LoggerMessage(LogLevel.Debug, "EventBridge {Operation} {Name}")]
    public static partial void EventBridgeCall(this ILogger logger, string operation, string? name);

    [LoggerMessage(LogLevel.Warning, "Target {TargetId}: delivery failed with {ErrorCode}; the event is in its dead-letter queue {DeadLetterQueueArn}")]
    public static partial void EventDeadLettered(this ILogger logger, string? targetId, string errorCode, string deadLetterQueueArn);

    [LoggerMessage(LogLevel.Warning, "Target {TargetId}: delivery failed with {ErrorCode} and the target has no dead-letter queue; the event is dropped")]
    public static partial void EventDropped(this ILogger logger, string? targetId, string errorCode);

    [LoggerMessage(LogLevel.Warning, "Target {TargetId}: delivery failed with {ErrorCode} and its dead-letter queue {DeadLetterQueueArn} does not exist; the event is dropped")]
    public static partial void DeadLetterQueueMissing(this ILogger logger, string? targetId, string errorCode, string deadLetterQueueArn);

    [LoggerMessage(LogLevel.Warning, "Target {TargetId}: a retry failed with {ErrorCode}; the event is dropped")]
    public static partial void DeliveryAbandoned(this ILogger logger, string? targetId, string errorCode);
}
