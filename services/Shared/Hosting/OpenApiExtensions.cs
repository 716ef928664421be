using Ecommerce.Shared.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// The OpenAPI document and Swagger UI of a service, at <c>/swagger</c> on its own port and at
/// <c>/{prefix}/swagger</c> (e.g. <c>/basket/swagger</c>), the path that reaches it through the one
/// HTTP API (and the local gateway). Swagger UI's Authorize signs in through the issuer's OpenID
/// Connect discovery with the code flow and PKCE, and the routes that need a user say so.
/// </summary>
public static class OpenApiExtensions
{
    private const string SchemeName = "cognito";

    public static WebApplicationBuilder AddServiceOpenApi(this WebApplicationBuilder builder, string title)
    {
        var issuer = builder.Configuration.GetSection(AuthSettings.Section).Get<AuthSettings>()?.Issuer?.TrimEnd('/');
        builder.Services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = title;
                document.Info.Version = "v1";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OpenIdConnect,
                    OpenIdConnectUrl = new Uri($"{issuer}/.well-known/openid-configuration"),
                    Description = "Sign in with the user pool (Cognito in AWS, LocalCloud's issuer locally); the API takes the access token.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>Maps the document and the UI at <c>/swagger</c> and at <c>/{prefix}/swagger</c>.</summary>
    public static WebApplication MapServiceSwagger(this WebApplication app, string prefix)
    {
        var clientId = app.Configuration.GetSection(AuthSettings.Section).Get<AuthSettings>()?.ClientIdList is [var first, ..] ? first : null;
        foreach (var routePrefix in new[] { "swagger", $"{prefix}/swagger" })
        {
            app.MapOpenApi($"/{routePrefix}/{{documentName}}/swagger.json");
            app.UseSwaggerUI(options =>
            {
                // Relative: the UI finds the document beside itself under either prefix.
                options.SwaggerEndpoint("v1/swagger.json", app.Environment.ApplicationName);
                options.RoutePrefix = routePrefix;
                options.OAuthClientId(clientId);
                options.OAuthUsePkce();
                options.OAuthScopes("openid", "email", "profile");
            });
        }

        return app;
    }
}
