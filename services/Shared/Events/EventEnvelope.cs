using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ecommerce.Shared.Events;

/// <summary>
/// The EventBridge envelope SQS delivers as a message body: <c>{"source", "detail-type", "detail": {...}}</c>.
/// </summary>
public static class EventEnvelope
{
    /// <summary>
    /// The <c>detail</c> of an envelope with exactly this source and detail type, or null when the body is not
    /// JSON, not such an envelope, or its detail does not read as <typeparamref name="TDetail"/>.
    /// </summary>
    public static TDetail? ReadDetail<TDetail>(string? body, string source, string detailType, JsonTypeInfo<TDetail> detailJson)
        where TDetail : class =>
        Read(body, [source], [detailType], detailJson)?.Detail;

    /// <summary>
    /// The detail type and <c>detail</c> of an envelope from one of <paramref name="sources"/> with one of
    /// <paramref name="detailTypes"/>, or null when the body is not JSON, not such an envelope, or its detail does
    /// not read as <typeparamref name="TDetail"/>.
    /// </summary>
    public static (string DetailType, TDetail Detail)? Read<TDetail>(
        string? body, IReadOnlyCollection<string> sources, IReadOnlyCollection<string> detailTypes, JsonTypeInfo<TDetail> detailJson)
        where TDetail : class
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            using var envelope = JsonDocument.Parse(body);
            var root = envelope.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && StringIn(root, "source", sources) is not null
                && StringIn(root, "detail-type", detailTypes) is { } detailType
                && root.TryGetProperty("detail", out var detail)
                && detail.ValueKind == JsonValueKind.Object
                && detail.Deserialize(detailJson) is { } read
                ? (detailType, read)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringIn(JsonElement element, string name, IReadOnlyCollection<string> expected) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text && expected.Contains(text)
            ? text
            : null;
}
