using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Ecommerce.LocalCloud.Ssm;

/// <summary>
/// SSM Parameter Store (<c>X-Amz-Target: AmazonSSM.*</c>, AWS JSON 1.1), in memory: PutParameter and GetParameter,
/// enough for a service to read a SecureString at start and for a test or the app host to seed it.
/// </summary>
public sealed partial class ParameterStore(LocalCloudOptions options, TimeProvider time, ILogger<ParameterStore> logger)
{
    private static readonly string[] Types = ["String", "StringList", "SecureString"];

    private readonly ConcurrentDictionary<string, Parameter> _parameters = new(StringComparer.Ordinal);

    public async Task HandleAsync(string operation, HttpContext context)
    {
        var request = await Edge.ReadAsync(context, SsmJsonContext.Default.SsmRequest);
        logger.SsmCall(operation, request.Name);
        switch (operation)
        {
            case "PutParameter":
                await Edge.WriteAsync(context, AwsProtocol.Ssm, Put(request), SsmJsonContext.Default.PutParameterResponse);
                break;
            case "GetParameter":
                await Edge.WriteAsync(context, AwsProtocol.Ssm, Get(request), SsmJsonContext.Default.GetParameterResponse);
                break;
            default:
                throw new AwsException("UnknownOperationException", $"LocalCloud does not implement SSM {operation}.");
        }
    }

    public void Clear() => _parameters.Clear();

    private PutParameterResponse Put(SsmRequest request)
    {
        var name = ValidName(AwsException.Required(request.Name, "name"));
        var value = AwsException.Required(request.Value, "value");
        if (request.Type is { } type && !Types.Contains(type))
        {
            throw AwsException.Validation($"1 validation error detected: Value '{type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
        }

        var now = time.GetUtcNow();
        var stored = _parameters.AddOrUpdate(
            name,
            _ => new Parameter(request.Type ?? throw AwsException.Validation("A parameter type is required when you create a parameter."), value, 1, now),
            (_, existing) => request.Overwrite == true
                ? new Parameter(request.Type ?? existing.Type, value, existing.Version + 1, now)
                : throw new AwsException("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true."));
        return new PutParameterResponse(stored.Version, "Standard");
    }

    private GetParameterResponse Get(SsmRequest request)
    {
        var name = AwsException.Required(request.Name, "name");
        if (!_parameters.TryGetValue(name, out var parameter))
        {
            throw new AwsException("ParameterNotFound", $"Parameter {name} not found.");
        }

        // Without decryption AWS answers a SecureString's ciphertext, never its value.
        var value = parameter.Type == "SecureString" && request.WithDecryption != true ? parameter.Ciphertext : parameter.Value;
        var arn = $"arn:aws:ssm:{options.Region}:{options.AccountId}:parameter/{name.TrimStart('/')}";
        return new GetParameterResponse(new ParameterEntry(name, parameter.Type, value, parameter.Version, parameter.ModifiedAt.ToUnixTimeMilliseconds() / 1000.0, arn, "text"));
    }

    private static string ValidName(string name) =>
        name.Length <= 2048 && ParameterName().IsMatch(name) && !name.StartsWith("aws", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("ssm", StringComparison.OrdinalIgnoreCase)
            ? name
            : throw AwsException.Validation($"Parameter name '{name}' is invalid: a name is letters, digits and . - _ in segments after /, and does not begin with aws or ssm.");

    [GeneratedRegex("^/?[a-zA-Z0-9_.-]+(/[a-zA-Z0-9_.-]+)*$")]
    private static partial Regex ParameterName();

    private sealed record Parameter(string Type, string Value, long Version, DateTimeOffset ModifiedAt)
    {
        public string Ciphertext { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    }
}
