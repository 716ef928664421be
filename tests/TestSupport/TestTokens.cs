using Ecommerce.LocalCloud.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.TestSupport;

/// <summary>
/// Access tokens as LocalCloud's user pool issues them (Cognito's claims, the pool's own key), made in the
/// test process; <see cref="Draft"/> lets a test spoil one on purpose (expired, another client, an ID token).
/// </summary>
public sealed class TestTokens(string issuer, SigningKeys keys, string clientId)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static TestTokens For(LocalEdge edge) =>
        new(edge.IssuerUrl, edge.Cloud.Services.GetRequiredService<SigningKeys>(), AuthOptions.DefaultClientId);

    /// <summary>A token's claims and key before it is signed.</summary>
    public sealed class Draft
    {
        public Dictionary<string, object> Claims { get; } = [];

        public SigningCredentials Key { get; set; } = null!;
    }

    public string Shopper(string username) => Mint(username, admin: false);

    public string Admin(string username = "admin") => Mint(username, admin: true);

    public string Mint(string username, bool admin, Action<Draft>? change = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var draft = new Draft { Key = keys.AccessTokens };
        draft.Claims["sub"] = Guid.NewGuid().ToString();
        draft.Claims["iss"] = issuer;
        draft.Claims["client_id"] = clientId;
        draft.Claims["origin_jti"] = Guid.NewGuid().ToString();
        draft.Claims["event_id"] = Guid.NewGuid().ToString();
        draft.Claims["token_use"] = "access";
        draft.Claims["scope"] = "openid email profile";
        draft.Claims["auth_time"] = now;
        draft.Claims["iat"] = now;
        draft.Claims["exp"] = now + 3600;
        draft.Claims["jti"] = Guid.NewGuid().ToString();
        draft.Claims["username"] = username;
        if (admin)
        {
            draft.Claims["cognito:groups"] = new[] { "admin" };
        }

        change?.Invoke(draft);
        return Handler.CreateToken(new SecurityTokenDescriptor { Claims = draft.Claims, SigningCredentials = draft.Key });
    }
}
