using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Payments.Provider;

/// <summary>
/// The Stripe secret key, read from SSM Parameter Store (a SecureString, decrypted) once while the service starts and
/// held in memory only: never in a setting, the image, or a log line. A missing parameter stops the start.
/// </summary>
internal sealed partial class StripeSecretKey(
    IAmazonSimpleSystemsManagement ssm, ResourceNames names, IConfiguration configuration, StripeSettings settings, ILogger<StripeSecretKey> logger)
{
    private string? _value;

    public string Value => _value ?? throw new InvalidOperationException("The Stripe secret key is read while the service starts; it has not been read.");

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var name = names[ResourceDefinitions.StripeSecretKeyParameter];
        var key = await ReadAsync(name, cancellationToken);
        if (key is null && configuration.CreateResources() && settings.LocalSecretKey is { Length: > 0 } local)
        {
            await PutAsync(name, local, cancellationToken);
            key = await ReadAsync(name, cancellationToken);
        }

        _value = key ?? throw new InvalidOperationException(
            $"The Stripe secret key's parameter {name} is not in SSM Parameter Store: put the key there as a SecureString before Payment starts.");
        LogRead(logger, name);
    }

    private async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, cancellationToken)).Parameter.Value;
        }
        catch (ParameterNotFoundException)
        {
            return null;
        }
    }

    private async Task PutAsync(string name, string value, CancellationToken cancellationToken)
    {
        try
        {
            await ssm.PutParameterAsync(new PutParameterRequest { Name = name, Value = value, Type = ParameterType.SecureString }, cancellationToken);
            LogPutLocally(logger, name);
        }
        catch (ParameterAlreadyExistsException)
        {
            // Another instance put it first.
        }
    }

    [LoggerMessage(LogLevel.Information, "Stripe secret key read from the parameter {ParameterName}")]
    private static partial void LogRead(ILogger logger, string parameterName);

    [LoggerMessage(LogLevel.Information, "The parameter {ParameterName} was missing: the local Stripe test key was put there (Payment:Stripe:LocalSecretKey)")]
    private static partial void LogPutLocally(ILogger logger, string parameterName);
}
