using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// A minimal API that checks bearer tokens the way a service does, against Cognito or the local issuer alike:
/// Authority = the issuer, no audience (Cognito's access tokens have none), then <c>token_use</c> must be
/// <c>access</c> and <c>client_id</c> one of the app clients. <c>GET /me</c> answers who the token says the caller is.
/// </summary>
public sealed class ProtectedApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private ProtectedApi(WebApplication app, string url)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public static async Task<ProtectedApi> StartAsync(string issuer, params string[] clientIds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            bearer.Authority = issuer;
            bearer.RequireHttpsMetadata = false; // the local issuer speaks plain HTTP on loopback
            bearer.MapInboundClaims = false; // keep Cognito's claim names: username, cognito:groups
            bearer.TokenValidationParameters.ValidateAudience = false;
            bearer.TokenValidationParameters.NameClaimType = "username";
            bearer.TokenValidationParameters.RoleClaimType = "cognito:groups";
            bearer.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var principal = context.Principal!;
                    if (principal.FindFirstValue("token_use") != "access" || !clientIds.Contains(principal.FindFirstValue("client_id")))
                    {
                        context.Fail("Not an access token of one of this API's app clients.");
                    }

                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (ClaimsPrincipal user) => new Caller(user.Identity!.Name!, user.IsInRole("admin"))).RequireAuthorization();
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ProtectedApi(app, url);
    }

    /// <summary>Calls <c>GET /me</c> with the token as a bearer.</summary>
    public async Task<HttpResponseMessage> GetMeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Who the token says the caller is.</summary>
public sealed record Caller(string Username, bool Admin);
