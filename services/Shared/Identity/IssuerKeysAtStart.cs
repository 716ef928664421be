using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Ecommerce.Shared.Identity;

/// <summary>
/// Fetches the issuer's signing keys while the service starts, beside the rest of its start-up, so that
/// the first signed request does not wait for that round trip (on Lambda, it is made during the init
/// phase; against Cognito it is an HTTPS connection of its own). The keys land in JwtBearer's own
/// configuration manager, so nothing else changes: they are cached and refreshed as before, and a
/// request that arrives while the fetch is under way waits for it instead of making a second one.
/// A fetch that fails is logged and forgotten: the first signed request tries again.
/// </summary>
internal sealed partial class IssuerKeysAtStart(ConfigurationManager<OpenIdConnectConfiguration> keys, ILogger<IssuerKeysAtStart> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: the service starts listening while the keys are on their way.
        _ = Task.Run(FetchAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task FetchAsync()
    {
        try
        {
            await keys.GetConfigurationAsync(CancellationToken.None);
        }
        catch (InvalidOperationException failed)
        {
            // The manager keeps no keys from a failed first fetch and lets the next caller try again at once.
            KeysNotFetched(logger, keys.MetadataAddress, failed.GetBaseException().Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The issuer's keys could not be fetched from {Address} at start ({Reason}); the first signed request fetches them again.")]
    private static partial void KeysNotFetched(ILogger logger, string address, string reason);
}
