using System.Text.Json.Serialization;

namespace Ecommerce.LocalCloud;

/// <summary>The edge's and the admin API's shapes, source-generated; absent values are left out, as AWS does.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(FaultSpec))]
[JsonSerializable(typeof(IReadOnlyList<FaultSpec>))]
[JsonSerializable(typeof(Health))]
public sealed partial class LocalCloudJsonContext : JsonSerializerContext;
