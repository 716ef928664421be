namespace Ecommerce.LocalCloud;

// What Parameter Store writes: the call and the parameter's name; never its value.
internal static partial class Log
{
    [LoggerMessage(LogLevel.Debug, "SSM {Operation} {Name}")]
    public static partial void SsmCall(this ILogger logger, string operation, string? name);
}
