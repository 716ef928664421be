using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.Shared.Identity;

public static class CognitoAuthenticationExtensions
{
    /// <summary>
    /// Accepts Cognito access tokens from <see cref="AuthSettings"/>' issuer, as API Gateway's JWT authorizer
    /// does in front of the service, and checks them again here (the same code runs locally, where no gateway
    /// is): RS256 by the issuer's keys, not expired (30 s of skew), <c>token_use</c> = <c>access</c> and
    /// <c>client_id</c> one of the app clients. Cognito access tokens carry no <c>aud</c>, so none is checked.
    /// The caller is the <c>username</c> claim; the <c>cognito:groups</c> claim gives the roles, the <c>admin</c> one only
    /// with <see cref="Caller.MfaClaim"/> where <see cref="AuthSettings.AdminRequiresMfa"/> is on.
    /// </summary>
    /// <param name="keysAtStart">Fetch the issuer's keys while the service starts (<see cref="IssuerKeysAtStart"/>), not at its first signed request.</param>
    public static WebApplicationBuilder AddCognitoAuthentication(this WebApplicationBuilder builder, bool keysAtStart = true)
    {
        var settings = builder.Configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings();
        var issuer = Url(settings.Issuer, nameof(AuthSettings.Issuer), settings)
            ?? throw new InvalidOperationException(
                $"{AuthSettings.Section}:Issuer is not set: the URL of the Cognito user pool (or LocalCloud's issuer) whose tokens this service accepts.");
        var keysUrl = Url(settings.KeysUrl, nameof(AuthSettings.KeysUrl), settings) ?? new Uri(CognitoKeys.JwksUri(issuer.OriginalString));
        var clientIds = settings.ClientIdList;
        if (clientIds.Count == 0)
        {
            throw new InvalidOperationException($"{AuthSettings.Section}:ClientIds is not set: name the app clients whose tokens this service accepts.");
        }

        var requireHttps = keysUrl.Scheme == Uri.UriSchemeHttps;
        var keys = new ConfigurationManager<OpenIdConnectConfiguration>(
            keysUrl.OriginalString,
            new CognitoKeys(issuer.OriginalString),
            new HttpDocumentRetriever { RequireHttps = requireHttps });
        if (keysAtStart)
        {
            builder.Services.AddHostedService(services => new IssuerKeysAtStart(keys, services.GetRequiredService<ILogger<IssuerKeysAtStart>>()));
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            bearer.MapInboundClaims = false; // keep Cognito's claim names
            bearer.RequireHttpsMetadata = requireHttps;
            bearer.ConfigurationManager = keys;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = issuer.OriginalString,
                ValidateAudience = false,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "username",
                RoleClaimType = "cognito:groups",
            };
            bearer.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var token = context.Principal!;
                    if (token.FindFirstValue("token_use") != "access" || !clientIds.Contains(token.FindFirstValue("client_id")))
                    {
                        context.Fail("Not an access token of one of this API's app clients.");
                    }
                    else if (settings.AdminRequiresMfa && !token.HasClaim(claim => claim.Type == Caller.MfaClaim))
                    {
                        WithoutAdminRights(token);
                    }

                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Caller.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Caller.AdminGroup));
        WithoutKeyRingAtStart(builder.Services);
        return builder;
    }

    // The caller keeps their own name and rights; only the admin group goes, so every admin check refuses them.
    private static void WithoutAdminRights(ClaimsPrincipal token)
    {
        foreach (var identity in token.Identities)
        {
            foreach (var admin in identity.FindAll(claim => claim.Type == identity.RoleClaimType && claim.Value == Caller.AdminGroup).ToList())
            {
                identity.RemoveClaim(admin);
            }
        }
    }

    /// <summary>
    /// AddAuthentication brings Data Protection, whose hosted service loads or makes a key ring before the first
    /// request (on Lambda a new one each cold start). Bearer tokens never use it, so the ring is left to be made
    /// the first time anything asks for it.
    /// </summary>
    private static void WithoutKeyRingAtStart(IServiceCollection services)
    {
        const string keyRingAtStart = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";
        if (services.FirstOrDefault(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.FullName == keyRingAtStart) is { } hosted)
        {
            services.Remove(hosted);
        }
    }

    /// <summary>
    /// The issuer or the keys URL (<paramref name="name"/>), null when not set: HTTPS, or plain HTTP on loopback
    /// (LocalCloud on a developer's machine) or when allowed (LocalCloud in a container).
    /// </summary>
    private static Uri? Url(string? value, string name, AuthSettings settings)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var url))
        {
            throw new InvalidOperationException($"{AuthSettings.Section}:{name} is not a URL.");
        }

        return url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && (url.IsLoopback || settings.AllowHttpIssuer))
            ? url
            : throw new InvalidOperationException(
                $"{AuthSettings.Section}:{name} must be an https URL (plain http only on loopback, or with {AuthSettings.Section}:AllowHttpIssuer for a local stack in containers).");
    }
}
