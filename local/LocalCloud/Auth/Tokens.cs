using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>Makes and checks the pool's JWTs, with the claims Cognito puts in its access and ID tokens.</summary>
public sealed class Tokens(UserPool pool, SigningKeys keys, TimeProvider clock)
{
    /// <summary>Cognito's default lifetime of access and ID tokens.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    // Cognito's tokens carry iat and exp but no nbf, which the handler would add by default.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string AccessToken(SignIn signIn)
    {
        var claims = CommonClaims(signIn);
        claims["version"] = 2;
        claims["client_id"] = signIn.ClientId;
        claims["token_use"] = "access";
        claims["scope"] = string.Join(' ', signIn.Scopes);
        claims["username"] = signIn.User.Username;
        if (signIn.User.Mfa)
        {
            claims[PoolUser.MfaClaim] = "totp";
        }

        return Create(claims, keys.AccessTokens, audience: null);
    }

    /// <param name="accessToken">The access token issued beside it, which <c>at_hash</c> binds it to.</param>
    /// <param name="nonce">The sign-in request's nonce, which an OpenID Connect client checks.</param>
    public string IdToken(SignIn signIn, string accessToken, string? nonce)
    {
        var claims = CommonClaims(signIn);
        claims["at_hash"] = AtHash(accessToken);
        claims["email_verified"] = true;
        claims["cognito:username"] = signIn.User.Username;
        claims["token_use"] = "id";
        claims["email"] = signIn.User.Email;
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        return Create(claims, keys.IdTokens, audience: signIn.ClientId);
    }

    /// <summary>The claims of a valid access token of this pool, or null.</summary>
    public async Task<IDictionary<string, object>?> ValidateAccessTokenAsync(string token)
    {
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = pool.Issuer,
            ValidateAudience = false, // Cognito's access tokens carry client_id, not aud
            IssuerSigningKey = keys.AccessTokens.Key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        return result.IsValid && result.Claims.TryGetValue("token_use", out var use) && use is "access" ? result.Claims : null;
    }

    private static Dictionary<string, object> CommonClaims(SignIn signIn)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = signIn.User.Sub,
            ["origin_jti"] = signIn.OriginJti,
            ["event_id"] = signIn.EventId,
            ["auth_time"] = signIn.AuthTime.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        if (signIn.User.Groups is { } groups)
        {
            claims["cognito:groups"] = groups;
        }

        return claims;
    }

    private string Create(Dictionary<string, object> claims, SigningCredentials credentials, string? audience)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = pool.Issuer,
            Audience = audience,
            IssuedAt = now,
            Expires = now + Lifetime,
            Claims = claims,
            SigningCredentials = credentials,
        });
    }

    /// <summary>OpenID Connect's at_hash: the left half of the access token's SHA-256, base64url.</summary>
    private static string AtHash(string accessToken) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);
}
