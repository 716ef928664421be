namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// One authentication of a user at an app client. Every token of the session repeats it: refreshed tokens keep
/// the original <c>auth_time</c>, <c>origin_jti</c> and <c>event_id</c>, as Cognito's do.
/// </summary>
public sealed record SignIn(PoolUser User, string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset AuthTime, string OriginJti, string EventId)
{
    public static SignIn Start(PoolUser user, string clientId, IReadOnlyList<string> scopes, DateTimeOffset now) =>
        new(user, clientId, scopes, now, Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

    /// <summary>Cognito returns an ID token only when the <c>openid</c> scope was granted.</summary>
    public bool GetsIdToken => Scopes.Contains(Auth.Scopes.OpenId);
}
