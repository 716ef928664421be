using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// A Cognito-shaped OpenID Connect issuer on the edge: discovery and JWKS under the issuer, managed login at the
/// edge's root, and one call that gives a script an access token.
/// </summary>
public static class UserPoolApi
{
    /// <summary>The CORS policy of what a browser app calls itself (discovery, JWKS, token, userInfo).</summary>
    private const string BrowserCalls = "UserPoolBrowserCalls";

    public static IServiceCollection AddUserPool(this IServiceCollection services, AuthOptions options)
    {
        if (!IsUserPoolId(options.UserPoolId))
        {
            throw new InvalidOperationException($"LocalCloud:Auth:UserPoolId '{options.UserPoolId}' is not a user pool id such as {AuthOptions.DefaultUserPoolId}.");
        }

        var clients = new AppClients(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(clients);
        services.AddSingleton<UserPool>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<Tokens>();
        services.AddSingleton<AuthorizationCodes>();
        services.AddSingleton<RefreshTokens>();
        // Cognito lets a browser app (a public client) call the token endpoint itself. Swagger UI's Authorize
        // sends X-Requested-With with its token request.
        services.AddCors(cors => cors.AddPolicy(BrowserCalls, policy => policy
            .SetIsOriginAllowed(clients.AllowsOrigin)
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", "X-Requested-With")));
        return services;
    }

    public static void MapUserPool(this IEndpointRouteBuilder app)
    {
        var poolId = app.ServiceProvider.GetRequiredService<AuthOptions>().UserPoolId;
        var wellKnown = app.MapGroup($"/{poolId}/.well-known").RequireCors(BrowserCalls);
        wellKnown.MapGet("/openid-configuration", (UserPool pool) =>
            TypedResults.Json(Discovery(pool), AuthJsonContext.Default.OpenIdConfiguration));
        wellKnown.MapGet("/jwks.json", (SigningKeys keys) => TypedResults.Json(keys.Jwks, AuthJsonContext.Default.JwkSet));

        app.MapGet("/oauth2/authorize", AuthorizeEndpoint.Show);
        app.MapPost("/oauth2/authorize", AuthorizeEndpoint.SignInAsync);
        app.MapPost("/oauth2/token", TokenEndpoint.HandleAsync).RequireCors(BrowserCalls);
        app.MapMethods("/oauth2/userInfo", [HttpMethods.Get, HttpMethods.Post], UserInfoEndpoint.HandleAsync).RequireCors(BrowserCalls);
        app.MapGet("/logout", LogoutEndpoint.Handle);
        app.MapPost("/_localcloud/auth/token", TokenForUserEndpoint.HandleAsync);
    }

    private static OpenIdConfiguration Discovery(UserPool pool) => new(
        Issuer: pool.Issuer,
        AuthorizationEndpoint: pool.Endpoint("/oauth2/authorize"),
        TokenEndpoint: pool.Endpoint("/oauth2/token"),
        UserinfoEndpoint: pool.Endpoint("/oauth2/userInfo"),
        EndSessionEndpoint: pool.Endpoint("/logout"),
        JwksUri: pool.JwksUri,
        ResponseTypesSupported: ["code"],
        ScopesSupported: Scopes.Supported,
        SubjectTypesSupported: ["public"],
        IdTokenSigningAlgValuesSupported: [SecurityAlgorithms.RsaSha256],
        TokenEndpointAuthMethodsSupported: ["none"],
        CodeChallengeMethodsSupported: [Pkce.S256]);

    /// <summary>Cognito's form, <c>{region}_{id}</c>; it becomes a path segment of the issuer.</summary>
    private static bool IsUserPoolId(string id) =>
        id.Contains('_', StringComparison.Ordinal) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
