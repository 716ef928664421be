using Ecommerce.LocalCloud.Auth;

namespace Ecommerce.LocalCloud;

// What the user pool writes: who signed in and why a request was refused; never a token, a code or a verifier.
internal static partial class Log
{
    [LoggerMessage(LogLevel.Information, "Signed in {Username} (admin: {Admin}) at app client {ClientId}")]
    public static partial void SignedIn(this ILogger<UserPool> logger, string username, bool admin, string clientId);

    [LoggerMessage(LogLevel.Information, "Sign-in request refused: {Reason}")]
    public static partial void SignInRefused(this ILogger<UserPool> logger, string reason);

    [LoggerMessage(LogLevel.Information, "Token request refused with {Error}: {Reason}")]
    public static partial void TokenRefused(this ILogger<UserPool> logger, string error, string reason);

    [LoggerMessage(LogLevel.Debug, "Issued tokens to {Username} at app client {ClientId} for grant {GrantType}")]
    public static partial void TokensIssued(this ILogger<UserPool> logger, string username, string clientId, string grantType);
}
