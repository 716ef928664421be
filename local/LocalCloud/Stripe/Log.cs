namespace Ecommerce.LocalCloud;

// What the payment provider writes: the call and how it was answered; never a card number or any other parameter.
internal static partial class Log
{
    [LoggerMessage(LogLevel.Debug, "Stripe {Operation} answered {StatusCode} (replayed: {Replayed})")]
    public static partial void StripeCall(this ILogger logger, string operation, int statusCode, bool replayed);
}
