using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// The pool's RSA keys, made at start and kept for the process's life. As in Cognito, one signs ID tokens and the
/// other access tokens, and the JWKS publishes both, so a validator must pick the key by <c>kid</c>.
/// </summary>
public sealed class SigningKeys : IDisposable
{
    private readonly RSA _idTokenKey = RSA.Create(2048);
    private readonly RSA _accessTokenKey = RSA.Create(2048);

    public SigningKeys()
    {
        IdTokens = Credentials(_idTokenKey);
        AccessTokens = Credentials(_accessTokenKey);
        Jwks = new JwkSet([Jwk(IdTokens.Key), Jwk(AccessTokens.Key)]);
    }

    public SigningCredentials IdTokens { get; }

    public SigningCredentials AccessTokens { get; }

    /// <summary>The public halves, as <c>/.well-known/jwks.json</c> serves them.</summary>
    public JwkSet Jwks { get; }

    public void Dispose()
    {
        _idTokenKey.Dispose();
        _accessTokenKey.Dispose();
    }

    private static SigningCredentials Credentials(RSA rsa)
    {
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint()); // RFC 7638: the kid follows from the key
        return new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    private static Jwk Jwk(SecurityKey key)
    {
        var parameters = ((RsaSecurityKey)key).Rsa.ExportParameters(includePrivateParameters: false);
        return new Jwk(SecurityAlgorithms.RsaSha256, Base64UrlEncoder.Encode(parameters.Exponent), key.KeyId, "RSA", Base64UrlEncoder.Encode(parameters.Modulus), "sig");
    }
}
