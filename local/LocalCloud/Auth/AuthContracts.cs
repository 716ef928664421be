using System.Text.Json.Serialization;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>The OpenID Connect discovery document, with the fields Cognito's has for what this pool does.</summary>
public sealed record OpenIdConfiguration(
    string Issuer,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string UserinfoEndpoint,
    string EndSessionEndpoint,
    string JwksUri,
    IReadOnlyList<string> ResponseTypesSupported,
    IReadOnlyList<string> ScopesSupported,
    IReadOnlyList<string> SubjectTypesSupported,
    IReadOnlyList<string> IdTokenSigningAlgValuesSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    IReadOnlyList<string> CodeChallengeMethodsSupported);

/// <summary>One public key of the JWKS (RFC 7517).</summary>
public sealed record Jwk(string Alg, string E, string Kid, string Kty, string N, string Use);

public sealed record JwkSet(IReadOnlyList<Jwk> Keys);

/// <summary>The token endpoint's answer; the script call answers with the access token alone.</summary>
public sealed record TokenResponse(string AccessToken, string? IdToken, string? RefreshToken, string TokenType, int ExpiresIn)
{
    public static TokenResponse Bearer(string accessToken, string? idToken = null, string? refreshToken = null) =>
        new(accessToken, idToken, refreshToken, "Bearer", (int)Tokens.Lifetime.TotalSeconds);
}

/// <summary>An OAuth 2.0 error (RFC 6749, section 5.2), e.g. <c>{"error":"invalid_grant"}</c>.</summary>
public sealed record OAuthError(string Error, string? ErrorDescription);

/// <summary>The userInfo endpoint's answer; Cognito writes <c>email_verified</c> as a string.</summary>
public sealed record UserInfo(string Sub, string EmailVerified, string Email, string Username);

/// <summary>The script call's body: <c>{"username": "ada", "admin": false, "mfa": false, "clientId": "..."}</c>; <c>mfa</c>: signed in with a one-time code.</summary>
public sealed record TokenForUser(string? Username, bool Admin = false, [property: JsonPropertyName("clientId")] string? ClientId = null, bool Mfa = false);

/// <summary>Every auth shape, source-generated; OAuth and OpenID Connect name their fields in snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(OpenIdConfiguration))]
[JsonSerializable(typeof(JwkSet))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(OAuthError))]
[JsonSerializable(typeof(UserInfo))]
[JsonSerializable(typeof(TokenForUser))]
public sealed partial class AuthJsonContext : JsonSerializerContext;
