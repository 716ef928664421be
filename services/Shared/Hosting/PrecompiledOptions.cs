using System.Diagnostics.CodeAnalysis;
using Ecommerce.Shared.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;
using Microsoft.Extensions.WebEncoders;
using Swashbuckle.AspNetCore.SwaggerUI;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// The options a service reads while it starts, named so that Native AOT compiles their factories, monitors and
/// managers. The container makes those with MakeGenericType, and a generic type no code names is built at run
/// time from a template instead: ~0.4 ms apiece, together 29% of a service's cold-start CPU (bench/findings.md).
/// One left out costs only that time; one named but unused, a few KiB of binary.
/// </summary>
internal static class PrecompiledOptions
{
    /// <summary>Called once at start: a list nothing reads would be trimmed, and its types with it.</summary>
    public static void Keep() => GC.KeepAlive(Types());

    private static Type[] Types() =>
    [
        // Logging and the host.
        .. Of<LoggerFilterOptions>(), .. Of<LoggerFactoryOptions>(), .. Of<ConsoleLoggerOptions>(), .. Of<ConsoleFormatterOptions>(),
        .. Of<JsonConsoleFormatterOptions>(), .. Of<SimpleConsoleFormatterOptions>(), .. Of<HostOptions>(), .. Of<ConsoleLifetimeOptions>(),
        .. Of<MetricsOptions>(),

        // Kestrel and the request pipeline.
        .. Of<KestrelServerOptions>(), .. Of<SocketTransportOptions>(), .. Of<HostFilteringOptions>(), .. Of<FormOptions>(),
        .. Of<RouteOptions>(), .. Of<RouteHandlerOptions>(), .. Of<HttpJsonOptions>(), .. Of<ValidationOptions>(), .. Of<WebEncoderOptions>(),

        // What ServiceDefaultsExtensions adds: errors, CORS, sign-in, health, OpenAPI.
        .. Of<ProblemDetailsOptions>(), .. Of<ExceptionHandlerOptions>(), .. Of<StatusCodePagesOptions>(), .. Of<CorsOptions>(),
        .. Of<AuthenticationOptions>(), .. Of<JwtBearerOptions>(), .. Of<AuthorizationOptions>(), .. Of<HealthCheckServiceOptions>(),
        .. Of<HealthCheckPublisherOptions>(), .. Of<OpenApiOptions>(), .. Of<SwaggerUIOptions>(),

        // The services' own.
        .. Of<ResourceNames>(),
    ];

    private static Type[] Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>()
        where TOptions : class =>
        [typeof(OptionsFactory<TOptions>), typeof(OptionsMonitor<TOptions>), typeof(OptionsManager<TOptions>)];
}
