using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>Proof Key for Code Exchange (RFC 7636), S256 only, as Cognito supports.</summary>
public static class Pkce
{
    public const string S256 = "S256";

    /// <summary>43-128 characters of A-Z, a-z, 0-9 and - . _ ~, the form of both verifier and challenge.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: >= 43 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static bool Verifies(string? verifier, string challenge)
    {
        if (!IsWellFormed(verifier))
        {
            return false;
        }

        var expected = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier!)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }
}
