using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Payments.Provider;

/// <summary>
/// The idempotency key of each call to the provider: a name-based UUID (version 5, RFC 9562) of the order and the
/// operation in a namespace of ours, so every delivery of an event, and every retry of a call, sends the same key.
/// </summary>
internal static class IdempotencyKeys
{
    /// <summary>Payment's namespace of keys: fixed, since a key that changed would let a retry charge again.</summary>
    public static readonly Guid Namespace = new("02f83646-83bb-4cef-bf0b-cf3c3ff28077");

    public static string Authorize(string orderId) => Of(orderId, "authorize");

    public static string Capture(string orderId) => Of(orderId, "capture");

    public static string Void(string orderId) => Of(orderId, "void");

    /// <summary>The version 5 UUID of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>.</summary>
    public static Guid NameBased(Guid namespaceId, string name)
    {
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
#pragma warning disable CA5350 // RFC 9562 defines version 5 on SHA-1; the key names a call, it protects nothing.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static string Of(string orderId, string operation) => NameBased(Namespace, $"{orderId}|{operation}").ToString();
}
