using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Paging;

/// <summary>
/// Turns DynamoDB's LastEvaluatedKey into an opaque <c>nextToken</c> and back. The token is signed with
/// HMAC-SHA256 over the key and the query it belongs to, so a garbled, forged or reused token is refused.
/// </summary>
public sealed partial class PageTokenCodec
{
    /// <summary>Configuration key of the signing key (base64, at least 32 bytes). Every instance must share it.</summary>
    public const string KeySetting = "Paging:TokenKey";

    private readonly byte[] _key;

    public PageTokenCodec(IConfiguration configuration, ILogger<PageTokenCodec> logger)
    {
        var configured = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            LogEphemeralKey(logger, KeySetting);
            _key = RandomNumberGenerator.GetBytes(32);
        }
        else
        {
            _key = Convert.FromBase64String(configured);
        }
    }

    /// <summary>The token for <paramref name="lastKey"/>, or null when the page was the last.</summary>
    /// <param name="scope">What the page was a page of (the table, index and filter), so a token only fits its own list.</param>
    public string? Encode(IReadOnlyDictionary<string, string>? lastKey, string scope)
    {
        if (lastKey is null || lastKey.Count == 0)
        {
            return null;
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>(lastKey), PagingJsonContext.Default.DictionaryStringString);
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(Sign(payload, scope))}";
    }

    /// <summary>
    /// The key a token stands for; false when the token is not one this service issued for this scope
    /// (the signature covers the scope, so a token of one list never opens another).
    /// </summary>
    public bool TryDecode(string? token, string scope, out Dictionary<string, string>? lastKey)
    {
        lastKey = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        try
        {
            var parts = token.Split('.');
            if (parts.Length != 2)
            {
                return false;
            }

            var payload = WebEncoders.Base64UrlDecode(parts[0]);
            if (!CryptographicOperations.FixedTimeEquals(WebEncoders.Base64UrlDecode(parts[1]), Sign(payload, scope)))
            {
                return false;
            }

            lastKey = JsonSerializer.Deserialize(payload, PagingJsonContext.Default.DictionaryStringString);
            return lastKey is { Count: > 0 };
        }
        catch (FormatException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private byte[] Sign(byte[] payload, string scope)
    {
        var scopeBytes = Encoding.UTF8.GetBytes(scope);
        var message = new byte[scopeBytes.Length + 1 + payload.Length];
        scopeBytes.CopyTo(message, 0);
        payload.CopyTo(message, scopeBytes.Length + 1);
        return HMACSHA256.HashData(_key, message);
    }

    [LoggerMessage(LogLevel.Warning, "{Setting} is not set: paging tokens are signed with a key of this process only")]
    private static partial void LogEphemeralKey(ILogger logger, string setting);
}

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PagingJsonContext : JsonSerializerContext;
