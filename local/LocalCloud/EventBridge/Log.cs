namespace Ecommerce.LocalCloud;

// What EventBridge writes: operations and undeliverable targets; never an event's detail.
internal static partial class Log
{
    [LoggerMessage(LogLevel.Debug, "EventBridge {Operation} {Name}")]
    public static partial void EventBridgeCall(this ILogger logger, string operation, string? name);

    [LoggerMessage(LogLevel.Warning, "Target {TargetId} names queue {QueueArn}, which does not exist; the event is dropped")]
    public static partial void TargetQueueMissing(this ILogger logger, string? targetId, string? queueArn);
}
