using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// Where the pool lives: its issuer is <c>{edge URL}/{userPoolId}</c>, as Cognito's is
/// <c>https://cognito-idp.{region}.amazonaws.com/{userPoolId}</c>; the managed-login endpoints sit at the edge's root,
/// as they sit at the root of a Cognito domain.
/// </summary>
public sealed class UserPool(AuthOptions options, IServer server)
{
    // Not the request's Host: a token's issuer must not depend on how it was asked for.
    // The edge's own address, or the one its callers use when that differs (a container's service name).
    private readonly Lazy<string> _edgeUrl = new(() => (options.PublicUrl ?? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()).TrimEnd('/'));

    public string Id => options.UserPoolId;

    public string Issuer => $"{_edgeUrl.Value}/{Id}";

    public string JwksUri => $"{Issuer}/.well-known/jwks.json";

    /// <summary>A managed-login endpoint, e.g. <c>/oauth2/token</c>, as an absolute URL.</summary>
    public string Endpoint(string path) => _edgeUrl.Value + path;
}
