using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AwsApigatewayv2Authorizers;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;
using HttpMethod = Amazon.CDK.AWS.Apigatewayv2.HttpMethod;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// One HTTP API on the <c>$default</c> stage (so paths carry no stage prefix) with an explicit route per
/// endpoint of API.md. There is no catch-all route, and nothing reaches <c>/events</c>. Every route but
/// the catalogue's reads, health and Swagger needs a valid access token from the stack's user pool.
/// </summary>
public sealed class PublicApi : Construct
{
    /// <summary>The path prefix of each service's routes, under which it also serves its Swagger UI.</summary>
    public static readonly string[] ServicePrefixes = ["product", "basket", "order", "inventory", "payment"];

    public HttpApi HttpApi { get; }

    /// <summary>One JSON line per request, for the runbook's queries and the dashboard's p99 by route.</summary>
    public LogGroup AccessLogs { get; }

    /// <summary>
    /// What API Gateway writes per request. Route-level CloudWatch metrics would cost a custom metric per
    /// route and statistic; these lines cost only their bytes, and Logs Insights takes percentiles from them.
    /// </summary>
    public const string AccessLogFormat =
        """{"requestId":"$context.requestId","time":"$context.requestTime","routeKey":"$context.routeKey","status":$context.status,"responseLatency":$context.responseLatency,"integrationLatency":"$context.integrationLatency","integrationStatus":"$context.integrationStatus","integrationError":"$context.integrationErrorMessage","error":"$context.error.message","authorizerError":"$context.authorizer.error","user":"$context.authorizer.claims.sub"}""";

    /// <summary>Each route's limit unless <see cref="RouteThrottles"/> names it: requests a second, steady and in a burst.</summary>
    public static readonly Throttle DefaultThrottle = new(RateLimit: 25, BurstLimit: 50);

    /// <summary>
    /// The anonymous catalogue reads take most of a shop's traffic; checkout, which every hop of the order's life follows,
    /// is held well below what the consumers drain (deploy/README.md, "Throttling", does the arithmetic).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Throttle> RouteThrottles = new Dictionary<string, Throttle>
    {
        ["GET /product"] = new(RateLimit: 100, BurstLimit: 200),
        ["GET /product/{id}"] = new(RateLimit: 100, BurstLimit: 200),
        ["GET /inventory"] = new(RateLimit: 100, BurstLimit: 200),
        ["POST /basket/checkout"] = new(RateLimit: 10, BurstLimit: 20),
    };

    /// <summary>API Gateway's token bucket for one route: <paramref name="RateLimit"/> a second steadily, <paramref name="BurstLimit"/> at once.</summary>
    public sealed record Throttle(int RateLimit, int BurstLimit);

    /// <summary>Where each service's Swagger UI finishes a sign-in: the app client must list these as callback URLs.</summary>
    public IEnumerable<string> SwaggerRedirectUrls => ServicePrefixes.Select(prefix => $"{HttpApi.ApiEndpoint}/{prefix}/swagger/oauth2-redirect.html");

    /// <summary>The API and its stage; the routes follow in <see cref="AddRoutes"/>, once the functions exist.</summary>
    public PublicApi(Construct scope, string id, DeploySettings settings)
        : base(scope, id)
    {
        HttpApi = new HttpApi(this, "HttpApi", new HttpApiProps
        {
            ApiName = settings.StackName,
            Description = "Product, Basket, Ordering, Inventory and Payment (" + settings.Stage + ")",
            CreateDefaultStage = true,
            CorsPreflight = settings.CorsAllowedOrigins.Count == 0 ? null : new CorsPreflightOptions
            {
                AllowOrigins = [.. settings.CorsAllowedOrigins],
                AllowMethods = [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
                AllowHeaders = ["authorization", "content-type", "if-match", "idempotency-key"],
                // The services answer 503 and 409 with Retry-After; a browser script reads only what is exposed.
                ExposeHeaders = ["etag", "location", "retry-after"],
                MaxAge = Duration.Hours(1),
            },
        });

        AccessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = settings.LogRetention,
            RemovalPolicy = settings.RemovalPolicy,
        });
        // CDK 2.160's HttpStage has no access-log option yet; the CloudFormation stage has.
        var stage = (CfnStage)HttpApi.DefaultStage!.Node.DefaultChild!;
        stage.AccessLogSettings = new CfnStage.AccessLogSettingsProperty
        {
            DestinationArn = AccessLogs.LogGroupArn,
            Format = AccessLogFormat,
        };
        stage.DefaultRouteSettings = new CfnStage.RouteSettingsProperty
        {
            ThrottlingRateLimit = DefaultThrottle.RateLimit,
            ThrottlingBurstLimit = DefaultThrottle.BurstLimit,
        };
        stage.RouteSettings = RouteThrottles.ToDictionary(
            route => route.Key,
            route => (object)new Dictionary<string, object> { ["ThrottlingRateLimit"] = route.Value.RateLimit, ["ThrottlingBurstLimit"] = route.Value.BurstLimit });
    }

    /// <summary>Every route, each to its own service's function; the ones that need a user behind the JWT authorizer.</summary>
    public void AddRoutes(ServiceFunctions functions, Identity identity)
    {
        // Cognito access tokens carry client_id and no aud; API Gateway then checks client_id against the audience.
        var signedIn = new HttpJwtAuthorizer("UserPoolAuthorizer", identity.Issuer, new HttpJwtAuthorizerProps
        {
            JwtAudience = [identity.Client.UserPoolClientId],
        });

        Route(functions.Product, "Product", signedIn,
            anonymous:
            [
                (HttpMethod.GET, "/product"),
                (HttpMethod.GET, "/product/{id}"),
                // Every service serves /health at its root; one API can route each path to one function
                // only, so the Product service answers it (the others' Lambda readiness is LWA's).
                (HttpMethod.GET, "/health"),
                (HttpMethod.GET, "/health/ready"),
                .. Swagger("product"),
            ],
            user:
            [
                (HttpMethod.POST, "/product"),
                (HttpMethod.PUT, "/product/{id}"),
                (HttpMethod.DELETE, "/product/{id}"),
                // Sends every product through the catalogue flow again: how an operator rebuilds Basket's view. The run
                // goes on after the request, in the publisher; its state is read at the run's own address.
                (HttpMethod.POST, "/product/republish"),
                (HttpMethod.GET, "/product/republish/{jobId}"),
            ]);

        Route(functions.Basket, "Basket", signedIn,
            anonymous: Swagger("basket"),
            user:
            [
                (HttpMethod.GET, "/basket"),
                (HttpMethod.GET, "/basket/{userName}"),
                (HttpMethod.POST, "/basket"),
                (HttpMethod.DELETE, "/basket/{userName}"),
                (HttpMethod.POST, "/basket/checkout"),
            ]);

        Route(functions.OrderingApi, "Ordering", signedIn,
            anonymous: Swagger("order"),
            user:
            [
                (HttpMethod.GET, "/order"),
                (HttpMethod.GET, "/order/{userName}"),
                (HttpMethod.GET, "/order/{userName}/{orderId}"),
                (HttpMethod.POST, "/order/{userName}/{orderId}/cancel"),
                (HttpMethod.POST, "/order/{userName}/{orderId}/ship"),
            ]);

        Route(functions.InventoryApi, "Inventory", signedIn,
            anonymous:
            [
                // What the storefront shows beside each product: available counts only.
                (HttpMethod.GET, "/inventory"),
                .. Swagger("inventory"),
            ],
            user:
            [
                (HttpMethod.GET, "/inventory/{productId}"),
                (HttpMethod.PUT, "/inventory/{productId}"),
            ]);

        Route(functions.PaymentApi, "Payment", signedIn,
            anonymous: Swagger("payment"),
            user: [(HttpMethod.GET, "/payment/{orderId}")]);

        // CloudFormation refuses route settings for a route that does not exist yet.
        HttpApi.DefaultStage!.Node.AddDependency([.. HttpApi.Node.Children.OfType<HttpRoute>()]);
    }

    // Each service serves its Swagger UI and OpenAPI document under its own prefix, /{prefix}/swagger/...,
    // so all five are reachable through the one API; API Gateway prefers these literal paths to /{prefix}/{id}.
    private static (HttpMethod, string)[] Swagger(string prefix) =>
        [(HttpMethod.GET, $"/{prefix}/swagger"), (HttpMethod.GET, $"/{prefix}/swagger/{{proxy+}}")];

    // Which routes need a user is the API's first check; the service then decides what that user may do.
    private void Route(IFunction function, string name, IHttpRouteAuthorizer signedIn, (HttpMethod, string)[] anonymous, (HttpMethod, string)[] user)
    {
        var integration = new HttpLambdaIntegration(name + "Integration", function);
        foreach (var (method, path) in anonymous)
        {
            HttpApi.AddRoutes(new AddRoutesOptions { Path = path, Methods = [method], Integration = integration });
        }

        foreach (var (method, path) in user)
        {
            HttpApi.AddRoutes(new AddRoutesOptions { Path = path, Methods = [method], Integration = integration, Authorizer = signedIn });
        }
    }
}
