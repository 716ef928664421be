using Ecommerce.LocalCloud.Auth;
using Ecommerce.Shared.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>Which issuer URLs a service accepts at start (<see cref="AuthSettings"/>): tokens are only as safe as the keys' transport.</summary>
public class IssuerSettingsTests
{
    [Theory]
    [InlineData("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", null)]
    [InlineData("http://localhost:4566/us-east-1_LocalPool", null)]
    [InlineData("http://127.0.0.1:4566/us-east-1_LocalPool", null)]
    [InlineData("http://localcloud:4566/us-east-1_LocalPool", "true")]
    public void A_service_starts_with_an_https_issuer_a_loopback_one_or_a_plain_http_one_it_was_allowed(string issuer, string? allowHttpIssuer)
    {
        var builder = Builder(issuer, allowHttpIssuer);

        builder.AddCognitoAuthentication();

        using var app = builder.Build();
        var bearer = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.Equal(issuer, bearer.TokenValidationParameters.ValidIssuer);
        Assert.Equal(issuer.StartsWith("https:", StringComparison.Ordinal), bearer.RequireHttpsMetadata);
    }

    [Theory]
    [InlineData("http://localcloud:4566/us-east-1_LocalPool", null)]
    [InlineData("http://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", "false")]
    [InlineData("ftp://localhost/us-east-1_LocalPool", "true")]
    [InlineData("us-east-1_LocalPool", null)]
    public void A_service_refuses_at_start_a_plain_http_issuer_off_loopback_unless_allowed_and_anything_not_a_url(string issuer, string? allowHttpIssuer)
    {
        var builder = Builder(issuer, allowHttpIssuer);

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddCognitoAuthentication());

        Assert.Contains("Auth:Issuer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json")]
    [InlineData("https://keys.example/eu-west-1_AbC/jwks.json", null, "https://keys.example/eu-west-1_AbC/jwks.json")]
    [InlineData("http://localcloud:4566/us-east-1_LocalPool/.well-known/jwks.json", "true", "http://localcloud:4566/us-east-1_LocalPool/.well-known/jwks.json")]
    public void A_service_reads_the_keys_at_its_keys_url_or_else_beside_the_issuer(string? keysUrl, string? allowHttpIssuer, string expected)
    {
        var builder = Builder("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", allowHttpIssuer, keysUrl);

        builder.AddCognitoAuthentication();

        using var app = builder.Build();
        var bearer = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.Equal(expected, Assert.IsType<ConfigurationManager<OpenIdConnectConfiguration>>(bearer.ConfigurationManager).MetadataAddress);
        Assert.Equal(expected.StartsWith("https:", StringComparison.Ordinal), bearer.RequireHttpsMetadata);
    }

    [Theory]
    [InlineData("http://localcloud:4566/us-east-1_LocalPool/.well-known/jwks.json", null)]
    [InlineData("jwks.json", "true")]
    public void A_service_refuses_at_start_a_keys_url_it_would_read_over_plain_http_off_loopback_unless_allowed(string keysUrl, string? allowHttpIssuer)
    {
        var builder = Builder("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", allowHttpIssuer, keysUrl);

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddCognitoAuthentication());

        Assert.Contains("Auth:KeysUrl", error.Message, StringComparison.Ordinal);
    }

    private static WebApplicationBuilder Builder(string issuer, string? allowHttpIssuer, string? keysUrl = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["Auth:Issuer"] = issuer;
        builder.Configuration["Auth:KeysUrl"] = keysUrl;
        builder.Configuration["Auth:ClientIds"] = AuthOptions.DefaultClientId;
        builder.Configuration["Auth:AllowHttpIssuer"] = allowHttpIssuer;
        return builder;
    }
}
