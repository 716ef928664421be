using Yarp.ReverseProxy.Configuration;

namespace Ecommerce.Gateway;

/// <summary>
/// The API paths and the service behind each, as the CDK stack routes them on CloudFront and the HTTP API; and
/// locally the one call the browser makes to the payment provider, on the shop's origin as LocalCloud answers no CORS.
/// </summary>
public static class ShopRoutes
{
    private const string Provider = "localcloud";

    private const string ProviderPath = "/stripe";

    private static readonly (string Path, string Service)[] Paths = [("product", "product"), ("basket", "basket"), ("order", "ordering"), ("inventory", "inventory"), ("payment", "payment")];

    // The services see the shop's host, as behind the HTTP API: their OpenAPI documents then name the shop's
    // origin as the server, so Swagger UI's "Try it out" calls back through the gateway, not a service's own port.
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> KeepHost =
        [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }];

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        .. Paths.SelectMany(route => new[]
        {
            new RouteConfig { RouteId = route.Path, ClusterId = route.Service, Match = new RouteMatch { Path = $"/{route.Path}" }, Transforms = KeepHost },
            new RouteConfig { RouteId = $"{route.Path}/*", ClusterId = route.Service, Match = new RouteMatch { Path = $"/{route.Path}/{{**rest}}" }, Transforms = KeepHost },
        }),
        // Only making a payment method (publishable key); the calls that need the secret key stay off the shop's origin.
        new RouteConfig { RouteId = "payment-methods", ClusterId = Provider, Match = new RouteMatch { Path = ProviderPath + "/v1/payment_methods", Methods = ["POST"] } },
    ];

    /// <summary>Whether a path is the API's or the provider's rather than the storefront's: <c>/product</c> and below, not <c>/products</c>.</summary>
    public static bool IsApiPath(PathString path) =>
        Paths.Any(route => path.StartsWithSegments("/" + route.Path)) || path.StartsWithSegments(ProviderPath);

    public static IReadOnlyList<ClusterConfig> Clusters(IConfiguration configuration) =>
    [
        .. Paths.Select(route => route.Service).Append(Provider).Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig> { [service] = new() { Address = ServiceUrl(configuration, service) } },
        }),
    ];

    // Aspire hands a referenced service's URL over as services__{name}__http__0; appsettings.json has the usual ports.
    private static string ServiceUrl(IConfiguration configuration, string service) =>
        configuration[$"services:{service}:http:0"]
        ?? throw new InvalidOperationException($"The URL of the {service} service is not configured: set services__{service}__http__0.");
}
