using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.Ordering.Tests;

/// <summary>Inventory's and Payment's answers as the saga queue hands them to Ordering: in batches, twice, late and out of order.</summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class SagaConsumerTests(LocalEdge edge) : IDisposable
{
    private readonly OrderingService _service = new(edge, ConsumerMode.Off);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Stock_reserved_then_payment_authorized_confirms_the_order_with_what_the_provider_said()
    {
        var checkout = CheckoutMessages.Event();
        await _service.CheckOutAsync(checkout);

        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.StockReserved, null)));
        var reserved = await _service.OrderAsync(checkout);
        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.PaymentAuthorized, StepMessages.Authorized(checkout))));
        var confirmed = await _service.OrderAsync(checkout);

        Assert.Equal(("StockReserved", "Pending"), (reserved.Status, reserved.Payment.Status));
        Assert.Equal("Confirmed", confirmed.Status);
        Assert.Null(confirmed.CancelReason);
        Assert.Equal(new OrderPaymentDto("Authorized", "pi_" + checkout.CheckoutId[..8], "visa", "4242", null), confirmed.Payment);
    }

    [Fact]
    public async Task Stock_rejected_cancels_a_submitted_order_as_out_of_stock()
    {
        var checkout = CheckoutMessages.Event();
        await _service.CheckOutAsync(checkout);

        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.StockRejected, null)));

        var order = await _service.OrderAsync(checkout);
        Assert.Equal(("Cancelled", "OutOfStock", "Pending"), (order.Status, order.CancelReason, order.Payment.Status));
    }

    [Fact]
    public async Task A_declined_payment_cancels_a_reserved_order_with_the_decline_code()
    {
        var checkout = CheckoutMessages.Event();
        await _service.CheckOutAsync(checkout);

        Assert.Empty(await _service.AnswerAsync(
            checkout,
            (ResourceDefinitions.StockReserved, null),
            (ResourceDefinitions.PaymentDeclined, StepMessages.Of(checkout) with { DeclineCode = "insufficient_funds" })));

        var order = await _service.OrderAsync(checkout);
        Assert.Equal(("Cancelled", "PaymentDeclined"), (order.Status, order.CancelReason));
        Assert.Equal(new OrderPaymentDto("Declined", null, null, null, "insufficient_funds"), order.Payment);
    }

    [Fact]
    public async Task Every_answer_delivered_twice_moves_the_order_once()
    {
        var checkout = CheckoutMessages.Event();
        await _service.CheckOutAsync(checkout);
        var authorized = StepMessages.Authorized(checkout);

        Assert.Empty(await _service.AnswerAsync(
            checkout,
            (ResourceDefinitions.StockReserved, null),
            (ResourceDefinitions.StockReserved, null),
            (ResourceDefinitions.PaymentAuthorized, authorized),
            (ResourceDefinitions.PaymentAuthorized, authorized)));
        var confirmed = await _service.OrderAsync(checkout);
        await _service.CreateClient().PostAsync($"/order/ada/{checkout.CheckoutId}/ship", null);
        Assert.Empty(await _service.AnswerAsync(
            checkout, (ResourceDefinitions.PaymentCaptured, authorized), (ResourceDefinitions.PaymentCaptured, authorized), (ResourceDefinitions.StockReserved, null)));
        var captured = await _service.OrderAsync(checkout);

        Assert.Equal("Confirmed", confirmed.Status);
        Assert.Equal(("Shipped", "Captured"), (captured.Status, captured.Payment.Status));
        Assert.Equal(4, LinesAbout(checkout, " applied; "));
        Assert.Equal(4, LinesAbout(checkout, " changes nothing; "));
        Assert.Contains(_service.Logs.Lines, line => line.Contains($"Order {checkout.CheckoutId}: PaymentCaptured applied; status Shipped, payment Captured, version 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_authorization_before_the_stock_answer_is_kept_and_its_redelivery_confirms_the_order()
    {
        var checkout = CheckoutMessages.Event();
        await _service.CheckOutAsync(checkout);
        var authorized = StepMessages.Authorized(checkout);

        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.PaymentAuthorized, authorized)));
        var early = await _service.OrderAsync(checkout);
        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.StockReserved, null)));
        var reserved = await _service.OrderAsync(checkout);
        // Payment answers OrderStockReserved with its outcome again.
        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.PaymentAuthorized, authorized)));
        var confirmed = await _service.OrderAsync(checkout);

        Assert.Equal(("Submitted", "Authorized"), (early.Status, early.Payment.Status));
        Assert.Equal(("StockReserved", "Authorized"), (reserved.Status, reserved.Payment.Status));
        Assert.Equal(("Confirmed", "Authorized", "4242"), (confirmed.Status, confirmed.Payment.Status, confirmed.Payment.Last4));
    }

    [Fact]
    public async Task Stock_reserved_after_the_order_expired_leaves_it_cancelled()
    {
        _service.Settings["Ordering:Expiry:AfterSeconds"] = "1";
        var checkout = CheckoutMessages.Event(at: DateTimeOffset.UtcNow.AddMinutes(-1));
        await _service.CheckOutAsync(checkout);

        Assert.Empty(await _service.Expiry.ProcessAsync([CheckoutMessages.Record(OrderMessages.Submitted(checkout))], default));
        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.StockReserved, null), (ResourceDefinitions.PaymentAuthorized, StepMessages.Authorized(checkout))));

        var order = await _service.OrderAsync(checkout);
        Assert.Equal(("Cancelled", "Expired"), (order.Status, order.CancelReason));
        Assert.Equal("Authorized", order.Payment.Status); // recorded, for Payment to void on the OrderCancelled it already has
    }

    [Fact]
    public async Task A_void_before_the_authorization_it_undoes_stays_voided()
    {
        var checkout = CheckoutMessages.Event();
        await _service.CheckOutAsync(checkout);
        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.StockReserved, null)));
        Assert.True((await _service.CreateClient(_service.Tokens.Shopper("ada")).PostAsync($"/order/ada/{checkout.CheckoutId}/cancel", null)).IsSuccessStatusCode);

        Assert.Empty(await _service.AnswerAsync(
            checkout, (ResourceDefinitions.PaymentVoided, StepMessages.Authorized(checkout)), (ResourceDefinitions.PaymentAuthorized, StepMessages.Authorized(checkout))));

        var order = await _service.OrderAsync(checkout);
        Assert.Equal(("Cancelled", "ByShopper", "Voided"), (order.Status, order.CancelReason, order.Payment.Status));
    }

    [Fact]
    public async Task A_failed_capture_is_recorded_and_logged_as_an_error_once_and_a_later_capture_settles_it()
    {
        var checkout = await _service.ConfirmedOrderAsync();
        await _service.CreateClient().PostAsync($"/order/ada/{checkout.CheckoutId}/ship", null);
        var step = StepMessages.Authorized(checkout);

        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.PaymentCaptureFailed, step), (ResourceDefinitions.PaymentCaptureFailed, step)));
        var failed = await _service.OrderAsync(checkout);
        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.PaymentCaptured, step)));
        var captured = await _service.OrderAsync(checkout);

        Assert.Equal(("Shipped", "CaptureFailed"), (failed.Status, failed.Payment.Status));
        Assert.Single(_service.Logs.Lines, line => line.Contains("could not be captured", StringComparison.Ordinal) && line.Contains(checkout.CheckoutId, StringComparison.Ordinal));
        Assert.Equal(("Shipped", "Captured"), (captured.Status, captured.Payment.Status));
    }

    [Fact]
    public async Task An_answer_about_an_order_that_is_not_there_creates_nothing()
    {
        var stored = CheckoutMessages.Event();
        await _service.CheckOutAsync(stored);
        var unknown = CheckoutMessages.Event();
        var wrongId = StepMessages.Of(stored) with { OrderId = Guid.NewGuid().ToString() };

        Assert.Empty(await _service.AnswerAsync(unknown, (ResourceDefinitions.StockReserved, null), (ResourceDefinitions.StockReserved, wrongId)));

        var page = await _service.CreateClient().GetFromJsonAsync<OrderPageDto>("/order/ada");
        var only = Assert.Single(page!.Items);
        Assert.Equal((stored.CheckoutId, "Submitted"), (only.OrderId, only.Status));
    }

    private int LinesAbout(Shared.Events.CheckoutBasketEvent order, string what) =>
        _service.Logs.Lines.Count(line => line.Contains($"Order {order.CheckoutId}:", StringComparison.Ordinal) && line.Contains(what, StringComparison.Ordinal));

    public static TheoryData<string, string> BadAnswers() => new()
    {
        { """{"orderId":"not-a-guid","userName":"ada","orderDate":"2026-11-25T12:00:00.000Z"}""", "bad order id" },
        { """{"orderId":"6f1c1d1e-8c0a-4a43-9a53-1b2b3c4d5e6f","userName":"","orderDate":"2026-11-25T12:00:00.000Z"}""", "empty user" },
        { """{"orderId":"6f1c1d1e-8c0a-4a43-9a53-1b2b3c4d5e6f","userName":"ada","orderDate":"yesterday"}""", "bad date" },
        { """{"orderId":"6f1c1d1e-8c0a-4a43-9a53-1b2b3c4d5e6f","userName":"ada","orderDate":"2026-11-25T12:00:00.000Z","last4":"4111111111111111"}""", "card number as last4" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_malformed_answer_is_reported_failed_for_the_dead_letter_queue(string detail, string why)
    {
        var body = StepMessages.Envelope(ResourceDefinitions.StockReserved, StepMessages.Of(CheckoutMessages.Event()));
        var node = JsonNode.Parse(body)!;
        node["detail"] = JsonNode.Parse(detail);
        var record = CheckoutMessages.Record(node.ToJsonString());

        var failed = await _service.Saga.ProcessAsync([record], default);

        Assert.True(failed.SequenceEqual([record.MessageId]), why);
        Assert.DoesNotContain(_service.Logs.Lines, line => line.Contains("4111111111111111", StringComparison.Ordinal));
    }
}
