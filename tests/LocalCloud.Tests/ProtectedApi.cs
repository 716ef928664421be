using System.Net.Http.Headers;
using System.Security.Claims;
using Ecommerce.Shared.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// A minimal API that checks bearer tokens exactly as the services do (<see cref="CognitoAuthenticationExtensions"/>),
/// against Cognito or the local issuer alike. <c>GET /me</c> answers who the token says the caller is.
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

    public static Task<ProtectedApi> StartAsync(string issuer, params string[] clientIds) => StartAsync(issuer, keysAtStart: true, clientIds);

    public static Task<ProtectedApi> StartAsync(string issuer, bool keysAtStart, params string[] clientIds) =>
        StartAsync(issuer, keysUrl: null, keysAtStart, clientIds);

    /// <summary>Started with <c>Auth:KeysUrl</c> too, when <paramref name="keysUrl"/> is given.</summary>
    public static async Task<ProtectedApi> StartAsync(string issuer, string? keysUrl, bool keysAtStart, params string[] clientIds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Auth:Issuer"] = issuer;
        builder.Configuration["Auth:KeysUrl"] = keysUrl;
        builder.Configuration["Auth:ClientIds"] = string.Join(',', clientIds);
        builder.AddCognitoAuthentication(keysAtStart);

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
