using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Shared.Events;

/// <summary>
/// The detail of the <c>ProductChanged</c> event: Product's table stream is its outbox, so one is published
/// at least once for every committed change. <paramref name="Version"/> grows with every change (a deletion
/// comes one past the last version), so a consumer applies a change only when it is newer than what it holds.
/// </summary>
public sealed record ProductChangedEvent(string Id, string Name, decimal Price, string Category, string? ImageFile, long Version, bool Deleted)
{
    public const string Source = ResourceDefinitions.ProductChangedEventSource;
    public const string DetailType = ResourceDefinitions.ProductChangedEventDetailType;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProductChangedEvent))]
public sealed partial class ProductChangedJsonContext : JsonSerializerContext;
