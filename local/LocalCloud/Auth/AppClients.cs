namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// The pool's public app clients and where a browser may be sent back to: any URI of a local tool
/// (<c>http://localhost:*</c>, <c>http://127.0.0.1:*</c>) and the configured ones, matched exactly as Cognito does.
/// </summary>
public sealed class AppClients
{
    private readonly HashSet<string> _redirectUris;
    private readonly HashSet<string> _origins;

    public AppClients(AuthOptions options)
    {
        Ids = options.ClientIds.Length > 0 ? options.ClientIds : [AuthOptions.DefaultClientId];
        if (Ids.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidOperationException("LocalCloud:Auth:ClientIds may not hold an empty client id.");
        }

        foreach (var uri in options.RedirectUris)
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Fragment.Length > 0)
            {
                throw new InvalidOperationException($"LocalCloud:Auth:RedirectUris holds '{uri}', which is not an absolute URI without a fragment.");
            }
        }

        _redirectUris = new HashSet<string>(options.RedirectUris, StringComparer.Ordinal);
        _origins = new HashSet<string>(options.RedirectUris.Select(uri => new Uri(uri).GetLeftPart(UriPartial.Authority)), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>What a refused redirect or sign-out URI is told.</summary>
    public const string RedirectRule = "use an http://localhost or http://127.0.0.1 URI, or add it to LocalCloud:Auth:RedirectUris.";

    public IReadOnlyList<string> Ids { get; }

    /// <summary>The client a script's token is for when it names none.</summary>
    public string Default => Ids[0];

    public bool Contains(string? clientId) => clientId is not null && Ids.Contains(clientId, StringComparer.Ordinal);

    /// <summary>True for a URI the pool may redirect a browser to, after sign-in or sign-out.</summary>
    public bool AllowsRedirectTo(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Fragment.Length == 0
        && parsed.UserInfo.Length == 0
        && (IsLocal(parsed) || _redirectUris.Contains(uri!));

    /// <summary>True for a web page's origin that may call the token and userInfo endpoints from a browser.</summary>
    public bool AllowsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var parsed) && (IsLocal(parsed) || _origins.Contains(origin));

    private static bool IsLocal(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp && uri.UserInfo.Length == 0 && uri.Host is "localhost" or "127.0.0.1";
}
