namespace Ecommerce.LocalCloud.Ssm;

// SSM's AWS JSON 1.1 shapes for the calls LocalCloud answers, named as the SDKs send and read them.
public sealed class SsmRequest
{
    public string? Name { get; set; }
    public string? Value { get; set; }
    public string? Type { get; set; }
    public string? Description { get; set; }
    public bool? Overwrite { get; set; }
    public bool? WithDecryption { get; set; }
}

public sealed record PutParameterResponse(long Version, string Tier);

public sealed record ParameterEntry(string Name, string Type, string Value, long Version, double LastModifiedDate, string ARN, string DataType);

public sealed record GetParameterResponse(ParameterEntry Parameter);
