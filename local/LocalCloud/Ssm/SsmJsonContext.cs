using System.Text.Json.Serialization;

namespace Ecommerce.LocalCloud.Ssm;

/// <summary>SSM's JSON shapes, source-generated; absent values are left out, as AWS does.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SsmRequest))]
[JsonSerializable(typeof(PutParameterResponse))]
[JsonSerializable(typeof(GetParameterResponse))]
public sealed partial class SsmJsonContext : JsonSerializerContext;
