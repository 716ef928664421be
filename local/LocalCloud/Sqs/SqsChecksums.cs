using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.LocalCloud.Sqs;

/// <summary>The MD5 digests SQS returns and AWSSDK.SQS verifies on every send and receive.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "MD5 is SQS's integrity digest, part of the protocol, not a security measure.")]
public static class SqsChecksums
{
    public static string OfBody(string body) => Hex(MD5.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>
    /// AWS's digest of message attributes: for each attribute in name order, its name, data type,
    /// transport type (1 string, 2 binary) and value, each length-prefixed big-endian.
    /// </summary>
    public static string? OfAttributes(IReadOnlyDictionary<string, SqsAttributeValue>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            WriteSized(buffer, Encoding.UTF8.GetBytes(name));
            WriteSized(buffer, Encoding.UTF8.GetBytes(value.DataType ?? ""));
            if (value.BinaryValue is { } binary)
            {
                buffer.WriteByte(2);
                WriteSized(buffer, binary);
            }
            else
            {
                buffer.WriteByte(1);
                WriteSized(buffer, Encoding.UTF8.GetBytes(value.StringValue ?? ""));
            }
        }

        return Hex(MD5.HashData(buffer.ToArray()));
    }

    private static void WriteSized(MemoryStream buffer, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
