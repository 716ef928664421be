using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.Shared.Identity;

/// <summary>
/// The issuer's signing keys, read straight from <c>{issuer}/.well-known/jwks.json</c>, where Cognito
/// publishes them: one round trip instead of two (discovery, then the keys), made while the service starts
/// (<see cref="IssuerKeysAtStart"/>) or else at its first signed request, cached and refreshed by JwtBearer's
/// configuration manager as usual.
/// </summary>
internal sealed class CognitoKeys(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public static string JwksUri(string issuer) => issuer.TrimEnd('/') + "/.well-known/jwks.json";

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JwksUri = address, JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }
}
