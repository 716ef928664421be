using Ecommerce.Contracts;
using Ecommerce.LocalCloud;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.Payments.Tests;

/// <summary>
/// The order's money through the real consumer against LocalCloud's provider: each delivery handed to the consumer as the
/// poller or Lambda hands it, the answers read from the bus through a rule and queue of the test's own.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class OrderConsumerTests(LocalEdge edge) : PaymentScenario(edge, ConsumerMode.Off)
{
    private const string Visa = "4242424242424242";

    [Fact]
    public async Task Reserved_stock_authorizes_the_total_in_cents_with_a_manual_capture_intent_and_the_card_read_from_the_provider()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa), totalPrice: 25.99m);

        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));

        var intent = Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!;
        Assert.Equal(
            (2599L, "usd", "manual", "requires_capture", order.OrderId, order.UserName),
            ((long)intent["amount"]!, (string?)intent["currency"], (string?)intent["capture_method"], (string?)intent["status"],
                (string?)intent["metadata"]!["orderId"], (string?)intent["metadata"]!["userName"]));
        Assert.Equal(order.PaymentMethodId, (string?)intent["payment_method"]);
        var answer = await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentAuthorized);
        Assert.Equal(
            ((string?)intent["id"], "visa", "4242", order.UserName, order.OrderDate),
            ((string?)answer["paymentIntentId"], (string?)answer["brand"], (string?)answer["last4"], (string?)answer["userName"], (string?)answer["orderDate"]));
        var payment = await Service.PaymentAsync(order.OrderId);
        Assert.Equal((PaymentStatus.Authorized, 25.99m, "visa", "4242", (string?)intent["id"]), (payment!.Status, payment.Amount, payment.Brand, payment.Last4, payment.PaymentIntentId));
    }

    [Theory]
    [InlineData("4000000000000002", "generic_decline")]
    [InlineData("4000000000009995", "insufficient_funds")]
    [InlineData("4000000000000069", "expired_card")]
    public async Task A_declined_card_is_answered_with_its_decline_code_and_nothing_is_held(string cardNumber, string declineCode)
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(cardNumber));

        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));

        var answer = await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentDeclined);
        Assert.Equal(declineCode, (string?)answer["declineCode"]);
        Assert.Equal("requires_payment_method", (string?)Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!["status"]);
        var payment = await Service.PaymentAsync(order.OrderId);
        Assert.Equal((PaymentStatus.Declined, declineCode), (payment!.Status, payment.DeclineCode));
    }

    [Theory]
    [InlineData("pm-card")]
    [InlineData("4242 4242 4242 4242")]
    [InlineData("")]
    public async Task An_event_whose_payment_method_id_is_not_one_fails_its_delivery_and_reaches_no_provider(string paymentMethodId)
    {
        var order = Orders.Event(paymentMethodId);

        Assert.False(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));

        Assert.Empty(await Provider.IntentsOfAsync(order.OrderId));
        Assert.Null(await Service.PaymentAsync(order.OrderId));
    }

    [Fact]
    public async Task Shipping_captures_the_authorized_money_once_however_often_each_event_comes()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa), totalPrice: 10.5m);

        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderShipped));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderShipped));

        var intent = Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!;
        Assert.Equal(("succeeded", 1050L), ((string?)intent["status"], (long)intent["amount_received"]!));
        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentCaptured);
        var answers = await Answers.OfAsync(order.OrderId);
        Assert.Equal(
            [ResourceDefinitions.PaymentAuthorized, ResourceDefinitions.PaymentAuthorized, ResourceDefinitions.PaymentCaptured, ResourceDefinitions.PaymentCaptured],
            answers.Select(answer => answer.DetailType));
        Assert.Equal(PaymentStatus.Captured, (await Service.PaymentAsync(order.OrderId))!.Status);
    }

    [Fact]
    public async Task Cancelling_an_authorized_order_voids_its_intent()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));

        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderCancelled));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderCancelled));

        Assert.Equal("canceled", (string?)Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!["status"]);
        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentVoided);
        Assert.Equal(PaymentStatus.Voided, (await Service.PaymentAsync(order.OrderId))!.Status);
    }

    [Fact]
    public async Task A_cancellation_that_comes_before_the_authorization_leaves_nothing_to_authorize()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa));

        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderCancelled));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));

        Assert.Empty(await Provider.IntentsOfAsync(order.OrderId));
        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentVoided);
        Assert.Equal(PaymentStatus.Voided, (await Service.PaymentAsync(order.OrderId))!.Status);
    }

    [FaultInjectionFact]
    public async Task A_cancellation_while_the_provider_authorizes_ends_with_the_money_voided()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa));
        await Provider.FailAsync(new FaultSpec("CreatePaymentIntent", "", Mode: FaultMode.Delay, DelayMilliseconds: 2000));

        var authorizing = Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved);
        await Eventually.HoldsAsync(() => Provider.IntentsOfAsync(order.OrderId), intents => intents.Count == 1, TimeSpan.FromSeconds(10), "the intent made, its answer held back");
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderCancelled));
        Assert.True(await authorizing);

        Assert.Equal("canceled", (string?)Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!["status"]);
        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentVoided);
        Assert.DoesNotContain(await Answers.OfAsync(order.OrderId), answer => answer.DetailType == ResourceDefinitions.PaymentAuthorized);
        Assert.Equal(PaymentStatus.Voided, (await Service.PaymentAsync(order.OrderId))!.Status);
    }

    [FaultInjectionFact]
    public async Task A_provider_error_fails_the_delivery_and_the_next_one_authorizes_with_one_intent()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa));
        await Provider.FailAsync(new FaultSpec("CreatePaymentIntent", "api_error", 500));

        Assert.False(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));
        Assert.Equal(PaymentStatus.Pending, (await Service.PaymentAsync(order.OrderId))!.Status);
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));

        Assert.Equal("requires_capture", (string?)Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!["status"]);
        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentAuthorized);
    }

    [FaultInjectionFact]
    public async Task An_answer_lost_to_a_timeout_is_replayed_under_the_same_key_so_the_card_is_charged_once()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa));
        await Provider.FailAsync(new FaultSpec("CreatePaymentIntent", "", Mode: FaultMode.Delay, DelayMilliseconds: 8000));

        Assert.False(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));
        Assert.Single(await Provider.IntentsOfAsync(order.OrderId));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));

        var intent = Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!;
        var answer = await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentAuthorized);
        Assert.Equal((string?)intent["id"], (string?)answer["paymentIntentId"]);
    }

    [FaultInjectionFact]
    public async Task An_answer_not_published_after_the_write_is_published_by_the_next_delivery()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa));
        await Edge.FailPutEventsEntriesAsync();

        Assert.False(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));
        Assert.Equal(PaymentStatus.Authorized, (await Service.PaymentAsync(order.OrderId))!.Status);
        Assert.Empty(await Answers.OfAsync(order.OrderId));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));

        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentAuthorized);
        Assert.Single(await Provider.IntentsOfAsync(order.OrderId));
    }

    [FaultInjectionFact]
    public async Task A_capture_the_provider_refuses_is_answered_as_failed_with_an_error_line_for_the_alarm()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));
        await Provider.FailAsync(new FaultSpec("CapturePaymentIntent", "invalid_request_error", 400));

        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderShipped));

        await Answers.WaitForAsync(order.OrderId, ResourceDefinitions.PaymentCaptureFailed);
        Assert.Equal(PaymentStatus.CaptureFailed, (await Service.PaymentAsync(order.OrderId))!.Status);
        Assert.Contains(Service.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(order.OrderId, StringComparison.Ordinal));
        Assert.Equal("requires_capture", (string?)Assert.Single(await Provider.IntentsOfAsync(order.OrderId))!["status"]);
    }

    [Fact]
    public async Task The_secret_key_is_in_no_log_line()
    {
        var order = Orders.Event(await Provider.PaymentMethodAsync(Visa));

        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));
        Assert.True(await Service.DeliverAsync(order, ResourceDefinitions.OrderShipped));

        Assert.Contains(Service.Logs.Lines, line => line.Contains("Stripe secret key read", StringComparison.Ordinal));
        Assert.DoesNotContain(Service.Logs.Lines, line => line.Contains(PaymentService.SecretKey, StringComparison.Ordinal));
    }
}
