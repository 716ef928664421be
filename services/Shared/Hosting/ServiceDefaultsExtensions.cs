using System.Diagnostics;
using Ecommerce.Contracts;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Identity;
using Ecommerce.Shared.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ecommerce.Shared.Hosting;

/// <summary>The first path segment of a service's routes (<c>product</c>, <c>basket</c>, <c>order</c>).</summary>
public sealed record ServiceRoutes(string Prefix);

/// <summary>What every service sets up the same way: logs, telemetry, errors, sign-in, health, OpenAPI.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Request bodies larger than this get 413 (Kestrel's limit; an endpoint may set its own).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The tag of the health checks that <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <param name="title">The service's name in its OpenAPI document, e.g. "Basket API".</param>
    /// <param name="routePrefix">The first path segment of its routes (<c>basket</c>), under which its Swagger UI is served too.</param>
    /// <param name="keysAtStart">
    /// Fetch the token issuer's keys while the service starts, for a service whose requests are signed; false for one
    /// whose first request is most likely anonymous (the catalogue), which would otherwise pay for keys it does not need yet.
    /// </param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string title, string routePrefix, bool keysAtStart = true)
    {
        builder.AddJsonConsoleLogging();
        builder.AddOpenTelemetryWhenConfigured();
        builder.AddCognitoAuthentication(keysAtStart);
        builder.AddServiceOpenApi(title);
        builder.Services.AddSingleton(new ServiceRoutes(routePrefix));

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                ValidationErrorKeys.UseJsonNames(validation.Errors);
            }
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures (malformed JSON, wrong types, bad query values) reach ProblemExceptionHandler,
        // which answers 400 without echoing the parser's message.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Add(PrimitivesJsonContext.Default);
            // The web defaults read "12" as 12; the contract says numbers are JSON numbers, so a string is a 400.
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            // A proxy or WAF that reads the first of two "userName"s must not see another body than the service.
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        builder.Services.AddHealthChecks();
        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(AllowedOrigins(builder.Configuration))
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Content-Type", "If-Match", IdempotencyKey.Header)
            .WithExposedHeaders("ETag", "Location", "Retry-After")));
        builder.Services.AddSingleton<PageTokenCodec>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false })
            .WithSummary("Liveness: the process serves requests (no downstream call)")
            .WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .WithSummary("Readiness: the service's own AWS resources answer")
            .WithTags("Health");

        app.MapServiceSwagger(app.Services.GetRequiredService<ServiceRoutes>().Prefix);
        app.MapConsumerEndpoints();

        return app;
    }

    /// <summary>
    /// The browser origins allowed to call the API (<c>Cors:AllowedOrigins</c>); none by default, so
    /// only same-origin pages and non-browser clients can. A wildcard is refused at start.
    /// </summary>
    public static string[] AllowedOrigins(IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        return origins.Contains("*")
            ? throw new InvalidOperationException("Cors:AllowedOrigins must name origins; '*' is not allowed.")
            : origins;
    }

    private static void AddJsonConsoleLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
    }

    private static void AddOpenTelemetryWhenConfigured(this WebApplicationBuilder builder)
    {
        // Without a collector there is nobody to export to; skipping the SDK keeps cold starts short.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource(builder.Environment.ApplicationName, TraceContext.Source.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(builder.Environment.ApplicationName))
            .UseOtlpExporter();
    }
}
