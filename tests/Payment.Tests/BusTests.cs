using Ecommerce.Contracts;
using Ecommerce.LocalCloud;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.Payments.Tests;

/// <summary>The order's events published on the bus, routed by Payment's rule to its queue and polled: the path they take in the system.</summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class BusTests(LocalEdge edge) : PaymentScenario(edge, ConsumerMode.Poll)
{
    [Fact]
    public async Task Events_published_twice_authorize_and_capture_once()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync("4242424242424242"));

        await Service.PublishAsync(order, ResourceDefinitions.OrderStockReserved);
        await Service.PublishAsync(order, ResourceDefinitions.OrderStockReserved);
        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentAuthorized);
        await Service.PublishAsync(order, ResourceDefinitions.OrderShipped);
        await Service.PublishAsync(order, ResourceDefinitions.OrderShipped);

        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentCaptured);
        var intent = Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!;
        Assert.Equal(("succeeded", 2599L), ((string?)intent["status"], (long)intent["amount_received"]!));
    }

    [FaultInjectionFact]
    public async Task While_the_provider_is_down_the_event_comes_again_until_it_is_back_and_one_intent_is_made()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync("4242424242424242"));
        await Provider.FailAsync(new FaultSpec("CreatePaymentIntent", "api_error", 503, Count: 3));

        await Service.PublishAsync(order, ResourceDefinitions.OrderStockReserved);

        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentAuthorized);
        Assert.Equal("requires_capture", (string?)Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!["status"]);
        Assert.Equal(3, Service.Logs.Lines.Count(line => line.Contains("failed with StripeException", StringComparison.Ordinal)));
    }
}
