using System.Text.Json;
using Amazon.CDK.AWS.Lambda;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class PublicApiTests(SynthesizedStacks stacks)
{
    // API.md's tables, written out again here on purpose: the stack must match the contract, not itself.
    private static readonly string[] ProductRoutes =
        ["GET /product", "GET /product/{id}", "POST /product", "PUT /product/{id}", "DELETE /product/{id}", "POST /product/republish", "GET /product/republish/{jobId}"];

    private static readonly string[] BasketRoutes =
        ["GET /basket", "GET /basket/{userName}", "POST /basket", "DELETE /basket/{userName}", "POST /basket/checkout"];

    private static readonly string[] OrderingRoutes =
    [
        "GET /order", "GET /order/{userName}", "GET /order/{userName}/{orderId}",
        "POST /order/{userName}/{orderId}/cancel", "POST /order/{userName}/{orderId}/ship",
    ];

    private static readonly string[] InventoryRoutes = ["GET /inventory", "GET /inventory/{productId}", "PUT /inventory/{productId}"];

    private static readonly string[] PaymentRoutes = ["GET /payment/{orderId}"];

    // Every service serves these at its root; through one API they go to Product.
    private static readonly string[] SharedRoutes = ["GET /health", "GET /health/ready"];

    // Each service's Swagger UI and OpenAPI document, under its own prefix.
    private static readonly string[] ProductSwagger = ["GET /product/swagger", "GET /product/swagger/{proxy+}"];
    private static readonly string[] BasketSwagger = ["GET /basket/swagger", "GET /basket/swagger/{proxy+}"];
    private static readonly string[] OrderingSwagger = ["GET /order/swagger", "GET /order/swagger/{proxy+}"];
    private static readonly string[] InventorySwagger = ["GET /inventory/swagger", "GET /inventory/swagger/{proxy+}"];
    private static readonly string[] PaymentSwagger = ["GET /payment/swagger", "GET /payment/swagger/{proxy+}"];

    // Who may call without a token (API.md): the catalogue's reads, what is available, health, and every Swagger UI.
    private static readonly string[] AnonymousRoutes =
    [
        "GET /product", "GET /product/{id}", "GET /inventory", .. SharedRoutes,
        .. ProductSwagger, .. BasketSwagger, .. OrderingSwagger, .. InventorySwagger, .. PaymentSwagger,
    ];

    private SynthesizedStack Dev => stacks.Dev;

    [Fact]
    public void There_is_one_http_api_on_the_auto_deployed_default_stage()
    {
        Dev.Template.ResourceCountIs("AWS::ApiGatewayV2::Api", 1);
        Dev.Template.HasResourceProperties("AWS::ApiGatewayV2::Api", new Dictionary<string, object> { ["ProtocolType"] = "HTTP" });
        Dev.Template.ResourceCountIs("AWS::ApiGatewayV2::Stage", 1);
        Dev.Template.HasResourceProperties("AWS::ApiGatewayV2::Stage", new Dictionary<string, object>
        {
            ["StageName"] = "$default",
            ["AutoDeploy"] = true,
        });
    }

    [Fact]
    public void The_routes_are_exactly_the_contract_plus_health_and_each_service_s_swagger()
    {
        var expected = new[]
        {
            ProductRoutes, BasketRoutes, OrderingRoutes, InventoryRoutes, PaymentRoutes, SharedRoutes,
            ProductSwagger, BasketSwagger, OrderingSwagger, InventorySwagger, PaymentSwagger,
        }.SelectMany(r => r).Order();
        Assert.Equal(expected, Routes(Dev).Keys.Order());
    }

    [Fact]
    public void Each_route_reaches_its_own_service_over_payload_version_2()
    {
        var routes = Routes(Dev);
        AssertRoutedTo(Dev.Stack.Functions.Product, [.. ProductRoutes, .. SharedRoutes, .. ProductSwagger], routes);
        AssertRoutedTo(Dev.Stack.Functions.Basket, [.. BasketRoutes, .. BasketSwagger], routes);
        AssertRoutedTo(Dev.Stack.Functions.OrderingApi, [.. OrderingRoutes, .. OrderingSwagger], routes);
        AssertRoutedTo(Dev.Stack.Functions.InventoryApi, [.. InventoryRoutes, .. InventorySwagger], routes);
        AssertRoutedTo(Dev.Stack.Functions.PaymentApi, [.. PaymentRoutes, .. PaymentSwagger], routes);

        Dev.Template.ResourceCountIs("AWS::ApiGatewayV2::Integration", 5);
        Dev.Template.AllResourcesProperties("AWS::ApiGatewayV2::Integration", new Dictionary<string, object>
        {
            ["IntegrationType"] = "AWS_PROXY",
            ["PayloadFormatVersion"] = "2.0",
        });
    }

    [Fact]
    public void Every_route_but_the_anonymous_ones_needs_a_token_the_jwt_authorizer_accepts()
    {
        var authorizer = Dev.Resources("AWS::ApiGatewayV2::Authorizer").Single();
        var routes = Routes(Dev);

        // Product's four writes and its republish run's read, Basket's five, Ordering's five, Inventory's two and Payment's one.
        Assert.Equal(18, routes.Count - AnonymousRoutes.Length);
        foreach (var (key, route) in routes)
        {
            if (AnonymousRoutes.Contains(key))
            {
                Assert.True(route.GetProperty("AuthorizationType").GetString() == "NONE" && !route.TryGetProperty("AuthorizerId", out _), $"{key} asks for a token");
            }
            else
            {
                Assert.Equal("JWT", route.GetProperty("AuthorizationType").GetString());
                AssertIs(Ref(authorizer.Id), route.GetProperty("AuthorizerId"));
            }
        }
    }

    [Fact]
    public void The_authorizer_checks_the_pool_s_issuer_and_the_app_client_for_cognito_access_tokens()
    {
        var (_, authorizer) = Dev.Resources("AWS::ApiGatewayV2::Authorizer").Single();
        var properties = authorizer.GetProperty("Properties");
        var jwt = properties.GetProperty("JwtConfiguration");

        Assert.Equal("JWT", properties.GetProperty("AuthorizerType").GetString());
        Assert.Equal(["$request.header.Authorization"], properties.Strings("IdentitySource"));
        // The services validate against the very same issuer.
        AssertIs(Dev.Properties(Dev.Stack.Functions.Basket).GetProperty("Environment").GetProperty("Variables").GetProperty("Auth__Issuer").GetRawText(), jwt.GetProperty("Issuer"));
        // Access tokens carry client_id and no aud: API Gateway then matches client_id against the audience.
        AssertIs(Ref(Dev.LogicalId(Dev.Stack.Identity.Client)), Assert.Single(jwt.GetProperty("Audience").EnumerateArray()));
    }

    [Fact]
    public void Nothing_is_routed_to_events_nor_caught_by_a_default_route()
    {
        foreach (var stack in stacks.Both)
        {
            var keys = Routes(stack).Keys.ToList();
            Assert.DoesNotContain(keys, k => k.Contains("/events", StringComparison.OrdinalIgnoreCase));
            // The only greedy paths are the Swagger UIs' files.
            Assert.DoesNotContain(keys, k => k == "$default" || k.StartsWith("ANY ", StringComparison.Ordinal) || k.Contains("/{proxy+}", StringComparison.Ordinal) && !k.EndsWith("/swagger/{proxy+}", StringComparison.Ordinal));
            Assert.All(keys.Where(k => k.Contains("/{proxy+}", StringComparison.Ordinal)), k => Assert.StartsWith("GET /", k, StringComparison.Ordinal));
            Assert.DoesNotContain("GET /swagger", keys);
            Assert.All(stack.Resources("AWS::ApiGatewayV2::Api"), a => Assert.False(a.Resource.GetProperty("Properties").TryGetProperty("Target", out _)));
        }
    }

    [Fact]
    public void No_consumer_can_be_invoked_through_the_api()
    {
        foreach (var function in Dev.Stack.Functions.Consumers)
        {
            var consumer = GetArn(Dev.LogicalId(function));
            Assert.DoesNotContain(Dev.Resources("AWS::ApiGatewayV2::Integration"), i => i.Resource.GetProperty("Properties").GetProperty("IntegrationUri").Is(consumer));
            Assert.DoesNotContain(Dev.Resources("AWS::Lambda::Permission"), p => p.Resource.GetProperty("Properties").GetProperty("FunctionName").Is(consumer));
        }
    }

    [Fact]
    public void Cors_is_off_unless_origins_are_given()
    {
        Assert.False(Dev.Properties(Dev.Stack.Api.HttpApi).TryGetProperty("CorsConfiguration", out _));
    }

    [Fact]
    public void Cors_allows_the_origins_from_context_with_the_methods_and_headers_the_contract_uses()
    {
        var cors = stacks.Prod.Properties(stacks.Prod.Stack.Api.HttpApi).GetProperty("CorsConfiguration");

        Assert.Equal(SynthesizedStacks.ProductionOrigins, cors.Strings("AllowOrigins"));
        Assert.Equal(["DELETE", "GET", "POST", "PUT"], cors.Strings("AllowMethods").Order());
        Assert.Contains("if-match", cors.Strings("AllowHeaders"));
        Assert.Contains("idempotency-key", cors.Strings("AllowHeaders"));
        Assert.Contains("authorization", cors.Strings("AllowHeaders"));
        Assert.Contains("etag", cors.Strings("ExposeHeaders"));
        Assert.Contains("location", cors.Strings("ExposeHeaders"));
        // The services set Retry-After on 503 and 409; unexposed, a browser's script cannot read it.
        Assert.Contains("retry-after", cors.Strings("ExposeHeaders"));
    }

    [Fact]
    public void Every_request_leaves_one_json_access_log_line_with_its_route_status_and_latency()
    {
        var settings = Dev.Properties(Assert.Single(Dev.Resources("AWS::ApiGatewayV2::Stage")).Id).GetProperty("AccessLogSettings");
        AssertIs(GetArn(Dev.LogicalId(Dev.Stack.Api.AccessLogs)), settings.GetProperty("DestinationArn"));

        // API Gateway fills in the variables; with sample values the line must be JSON with the fields the queries use.
        var line = settings.GetProperty("Format").GetString()!
            .Replace("$context.status", "200", StringComparison.Ordinal)
            .Replace("$context.responseLatency", "12", StringComparison.Ordinal)
            .Replace("$context.routeKey", "GET /product/{id}", StringComparison.Ordinal);
        using var sample = JsonDocument.Parse(line);
        Assert.Equal("GET /product/{id}", sample.RootElement.GetProperty("routeKey").GetString());
        Assert.Equal(200, sample.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(12, sample.RootElement.GetProperty("responseLatency").GetInt32());
        Assert.Contains("$context.requestId", line, StringComparison.Ordinal);
        Assert.Contains("$context.integrationErrorMessage", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stack_outputs_the_api_url()
    {
        var url = Dev.Json.GetProperty("Outputs").GetProperty("ApiUrl").GetProperty("Value").GetProperty("Fn::Join")[1];
        Assert.Equal("https://", url[0].GetString());
        AssertIs(Ref(Dev.LogicalId(Dev.Stack.Api.HttpApi)), url[1]);
    }

    private static Dictionary<string, JsonElement> Routes(SynthesizedStack stack) =>
        stack.Resources("AWS::ApiGatewayV2::Route").ToDictionary(
            r => r.Resource.GetProperty("Properties").GetProperty("RouteKey").GetString()!,
            r => r.Resource.GetProperty("Properties"));

    private void AssertRoutedTo(Function function, IEnumerable<string> routeKeys, Dictionary<string, JsonElement> routes)
    {
        var functionArn = GetArn(Dev.LogicalId(function));
        foreach (var key in routeKeys)
        {
            // "Target": {"Fn::Join": ["", ["integrations/", {"Ref": integration}]]}
            var integrationId = routes[key].GetProperty("Target").GetProperty("Fn::Join")[1][1].GetProperty("Ref").GetString()!;
            Assert.True(Dev.Properties(integrationId).GetProperty("IntegrationUri").Is(functionArn), $"{key} does not reach {function.Node.Id}");
        }
    }

}
