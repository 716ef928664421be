using System.Text.Json.Serialization;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// Type metadata for route, query and header values: the OpenAPI document describes them with
/// System.Text.Json's schema exporter, which under Native AOT finds only source-generated types.
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(decimal?))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(DateTimeOffset?))]
internal sealed partial class PrimitivesJsonContext : JsonSerializerContext;
