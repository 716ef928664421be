using Ecommerce.Deploy.Constructs;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class ThrottlingTests(SynthesizedStacks stacks)
{
    /// <summary>Lambda's default concurrency per account and region, and what it always leaves unreserved.</summary>
    private const int AccountConcurrency = 1000;
    private const int UnreservedMinimum = 100;

    private SynthesizedStack Dev => stacks.Dev;

    [Fact]
    public void Every_route_is_throttled_the_catalogue_reads_higher_and_checkout_lower()
    {
        var stage = Assert.Single(Dev.Resources("AWS::ApiGatewayV2::Stage")).Resource;
        var settings = stage.GetProperty("Properties");

        var defaults = settings.GetProperty("DefaultRouteSettings");
        Assert.Equal(25, defaults.GetProperty("ThrottlingRateLimit").GetInt32());
        Assert.Equal(50, defaults.GetProperty("ThrottlingBurstLimit").GetInt32());

        var routes = settings.GetProperty("RouteSettings").EnumerateObject().ToDictionary(
            route => route.Name,
            route => (Rate: route.Value.GetProperty("ThrottlingRateLimit").GetInt32(), Burst: route.Value.GetProperty("ThrottlingBurstLimit").GetInt32()));
        Assert.Equal((100, 200), routes["GET /product"]);
        Assert.Equal((100, 200), routes["GET /product/{id}"]);
        Assert.Equal((100, 200), routes["GET /inventory"]);
        Assert.Equal((10, 20), routes["POST /basket/checkout"]);
        Assert.Equal(4, routes.Count);

        // deploy/README.md's arithmetic counts them: 29 at the default, 4 named.
        Assert.Equal(33, Dev.Resources("AWS::ApiGatewayV2::Route").Count());

        // Each names a route of the API, which the stage waits for: CloudFormation refuses settings for a route it has not made.
        var apiRoutes = Dev.Resources("AWS::ApiGatewayV2::Route").ToDictionary(r => r.Resource.GetProperty("Properties").GetProperty("RouteKey").GetString()!, r => r.Id);
        var dependsOn = stage.GetProperty("DependsOn").EnumerateArray().Select(id => id.GetString()).ToList();
        Assert.All(routes.Keys, key => Assert.Contains(apiRoutes[key], dependsOn));
    }

    [Fact]
    public void Every_consumer_keeps_concurrency_of_its_own_as_much_as_its_mapping_uses_and_the_http_functions_share_the_rest()
    {
        var functions = Dev.Stack.Functions;
        foreach (var consumer in functions.Consumers)
        {
            var properties = Dev.Properties(consumer);
            Assert.Equal(ServiceFunctions.ConsumerReservedConcurrency, properties.GetProperty("ReservedConcurrentExecutions").GetInt32());
        }

        var reserved = functions.Consumers.Sum(consumer => Dev.Properties(consumer).GetProperty("ReservedConcurrentExecutions").GetInt32());
        Assert.Equal(45, reserved);
        Assert.True(reserved <= AccountConcurrency - UnreservedMinimum, $"{reserved} reserved leaves Lambda less than its unreserved minimum");
        Assert.All(functions.HttpFunctions, function => Assert.False(Dev.Properties(function).TryGetProperty("ReservedConcurrentExecutions", out _)));

        // A queue's mapping never asks for more instances than its function keeps: more would be throttled, and a
        // throttled receive counts toward the dead-letter queue.
        var queueMappings = Dev.Resources("AWS::Lambda::EventSourceMapping")
            .Select(m => m.Resource.GetProperty("Properties"))
            .Where(m => m.TryGetProperty("ScalingConfig", out _))
            .ToList();
        Assert.Equal(7, queueMappings.Count);
        Assert.All(queueMappings, mapping =>
            Assert.Equal(ServiceFunctions.ConsumerReservedConcurrency, mapping.GetProperty("ScalingConfig").GetProperty("MaximumConcurrency").GetInt32()));
    }
}
