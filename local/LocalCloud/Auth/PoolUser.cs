using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// A user of the local pool. There is no directory: whoever signs in exists, with what they claimed, a one-time code
/// (<paramref name="Mfa"/>) among it.
/// </summary>
public sealed record PoolUser(string Username, bool Admin, bool Mfa = false)
{
    public const string AdminGroup = "admin";

    /// <summary>What the stack's pool adds to the access token of a user who signs in with TOTP (services' Caller.MfaClaim).</summary>
    public const string MfaClaim = "ecommerce:mfa";

    public const int MaxUsernameLength = 100;

    public const string UsernameRule = "A user name is 1-100 characters: letters, digits and . _ @ - only.";

    /// <summary>
    /// A UUID made from the user name, so a user keeps one <c>sub</c> across sign-ins and restarts, as a Cognito user does.
    /// </summary>
    public string Sub
    {
        get
        {
            Span<byte> bytes = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(Username), bytes);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: a UUID of the maker's own design (RFC 9562)
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes[..16], bigEndian: true).ToString();
        }
    }

    /// <summary>The user name when it is an address, else one under example.com, a domain that never receives mail.</summary>
    public string Email => Username.Contains('@', StringComparison.Ordinal) ? Username : $"{Username}@example.com";

    /// <summary>Cognito leaves <c>cognito:groups</c> out of a token when the user is in no group.</summary>
    public string[]? Groups => Admin ? [AdminGroup] : null;

    public static bool IsValidUsername(string? username) =>
        username is { Length: > 0 and <= MaxUsernameLength }
        && username.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-');
}
