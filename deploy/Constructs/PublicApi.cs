using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;
using HttpMethod = Amazon.CDK.AWS.Apigatewayv2.HttpMethod;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// One HTTP API on the <c>$default</c> stage (so paths carry no stage prefix) with an explicit route per
/// endpoint of API.md. There is no catch-all route, and nothing reaches <c>/events</c>.
/// </summary>
public sealed class PublicApi : Construct
{
    public HttpApi HttpApi { get; }

    public PublicApi(Construct scope, string id, DeploySettings settings, ServiceFunctions functions)
        : base(scope, id)
    {
        HttpApi = new HttpApi(this, "HttpApi", new HttpApiProps
        {
            ApiName = settings.StackName,
            Description = "Product, Basket and Ordering (" + settings.Stage + ")",
            CreateDefaultStage = true,
            CorsPreflight = settings.CorsAllowedOrigins.Count == 0 ? null : new CorsPreflightOptions
            {
                AllowOrigins = [.. settings.CorsAllowedOrigins],
                AllowMethods = [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
                AllowHeaders = ["content-type", "if-match", "idempotency-key"],
                ExposeHeaders = ["etag", "location"],
                MaxAge = Duration.Hours(1),
            },
        });

        Route(functions.Product, "Product",
            (HttpMethod.GET, "/product"),
            (HttpMethod.GET, "/product/{id}"),
            (HttpMethod.POST, "/product"),
            (HttpMethod.PUT, "/product/{id}"),
            (HttpMethod.DELETE, "/product/{id}"),
            // Every service serves /health and /swagger at the root; one API can route each path to one
            // function only, so the Product service answers them (the others' Lambda readiness is LWA's).
            (HttpMethod.GET, "/health"),
            (HttpMethod.GET, "/health/ready"),
            (HttpMethod.GET, "/swagger"),
            (HttpMethod.GET, "/swagger/{proxy+}"));

        Route(functions.Basket, "Basket",
            (HttpMethod.GET, "/basket"),
            (HttpMethod.GET, "/basket/{userName}"),
            (HttpMethod.POST, "/basket"),
            (HttpMethod.DELETE, "/basket/{userName}"),
            (HttpMethod.POST, "/basket/checkout"));

        Route(functions.OrderingApi, "Ordering",
            (HttpMethod.GET, "/order"),
            (HttpMethod.GET, "/order/{userName}"));
    }

    private void Route(IFunction function, string name, params (HttpMethod Method, string Path)[] routes)
    {
        var integration = new HttpLambdaIntegration(name + "Integration", function);
        foreach (var (method, path) in routes)
        {
            HttpApi.AddRoutes(new AddRoutesOptions { Path = path, Methods = [method], Integration = integration });
        }
    }
}
