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
                && IsString(root, "source", source)
                && IsString(root, "detail-type", detailType)
                && root.TryGetProperty("detail", out var detail)
                && detail.ValueKind == JsonValueKind.Object
                ? detail.Deserialize(detailJson)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsString(JsonElement element, string name, string expected) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == expected;
}
