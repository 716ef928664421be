using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>Opaque random strings handed out for a while, each standing for a value kept here (codes, refresh tokens).</summary>
public abstract class IssuedSecrets<T>(TimeProvider clock, TimeSpan lifetime)
    where T : class
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset ExpiresAt)> _issued = new(StringComparer.Ordinal);

    public string Issue(T value)
    {
        var now = clock.GetUtcNow();
        foreach (var (secret, issued) in _issued)
        {
            if (issued.ExpiresAt <= now)
            {
                _issued.TryRemove(secret, out _);
            }
        }

        var fresh = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _issued[fresh] = (value, now + lifetime);
        return fresh;
    }

    /// <summary>The value, while the secret has not expired; it stays valid for the next call.</summary>
    public T? Find(string secret) =>
        _issued.TryGetValue(secret, out var issued) && issued.ExpiresAt > clock.GetUtcNow() ? issued.Value : null;

    /// <summary>The value, once: the secret is gone after this call, whatever the caller then decides.</summary>
    public T? Take(string secret) =>
        _issued.TryRemove(secret, out var issued) && issued.ExpiresAt > clock.GetUtcNow() ? issued.Value : null;
}

/// <summary>What a one-time authorization code stands for, and what its redemption must repeat.</summary>
public sealed record AuthorizationGrant(SignIn SignIn, string RedirectUri, string CodeChallenge, string? Nonce);

/// <summary>Authorization codes: single use, bound to client, redirect URI and PKCE challenge, five minutes, as in Cognito.</summary>
public sealed class AuthorizationCodes(TimeProvider clock) : IssuedSecrets<AuthorizationGrant>(clock, TimeSpan.FromMinutes(5));

/// <summary>Refresh tokens: opaque, reusable until they expire after Cognito's default 30 days.</summary>
public sealed class RefreshTokens(TimeProvider clock) : IssuedSecrets<SignIn>(clock, TimeSpan.FromDays(30));
