namespace Ecommerce.Shared.Identity;

/// <summary>
/// Who issues the tokens the services accept (section <c>Auth</c>): in AWS the stack's Cognito user pool,
/// locally LocalCloud's Cognito-shaped issuer. Every service needs both; a service without them does not start.
/// </summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";

    /// <summary>The user pool's issuer, e.g. <c>https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The app clients whose access tokens are accepted, comma-separated (Cognito's <c>client_id</c> claim).</summary>
    public string? ClientIds { get; set; }

    /// <summary>
    /// Where to read the issuer's signing keys, when not at <c>{Issuer}/.well-known/jwks.json</c>. For a local
    /// stack in containers (<c>docker compose</c>), whose issuer carries the name a browser reaches it by
    /// (<c>http://localhost:4568/…</c>) while the services reach it by its service name; unset in AWS.
    /// </summary>
    public string? KeysUrl { get; set; }

    /// <summary>
    /// Accepts a plain-http issuer, or keys URL, that is not on loopback. For a local stack whose issuer is
    /// another container (<c>docker compose</c>), never in AWS: there the issuer is Cognito's https URL.
    /// </summary>
    public bool AllowHttpIssuer { get; set; }

    /// <summary>
    /// Admin rights only from a token whose sign-in passed a second factor (<see cref="Caller.MfaClaim"/>); a token
    /// without it acts as its user, never as an admin. On in the stack's prod stage, whose pool adds the claim.
    /// </summary>
    public bool AdminRequiresMfa { get; set; }

    public IReadOnlyList<string> ClientIdList =>
        (ClientIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
