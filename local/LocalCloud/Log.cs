namespace Ecommerce.LocalCloud;

/// <summary>What LocalCloud writes to its log; never a message body, event detail, token or card number.</summary>
internal static partial class Log
{
    [LoggerMessage(LogLevel.Information, "Injected fault {ErrorCode} ({Mode}) into {Operation}")]
    public static partial void FaultInjected(this ILogger logger, string? errorCode, FaultMode mode, string operation);
}
