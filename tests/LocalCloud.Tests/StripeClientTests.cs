using System.Net;
using Ecommerce.TestSupport;
using Stripe;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>The unmodified Stripe.net client against LocalCloud's provider: every call the Payment service makes, and how each fails.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class StripeClientTests(LocalEdge edge)
{
    private readonly PaymentProvider _provider = new(edge);

    private PaymentIntentService Intents => new(_provider.Client());

    [Fact]
    public async Task A_card_becomes_a_payment_method_with_a_publishable_key_and_is_read_back_with_the_secret_one()
    {
        var id = await _provider.CreatePaymentMethodAsync("4242424242424242");

        var method = await new PaymentMethodService(_provider.Client()).GetAsync(id);

        Assert.StartsWith("pm_", id, StringComparison.Ordinal);
        Assert.Equal("card", method.Type);
        Assert.Equal(("visa", "4242", 12L, "credit"), (method.Card.Brand, method.Card.Last4, method.Card.ExpMonth, method.Card.Funding));
        Assert.Equal(DateTime.UtcNow.Year + 2, method.Card.ExpYear);
    }

    [Fact]
    public async Task A_manual_capture_intent_confirmed_at_once_is_authorized_then_captured()
    {
        var card = await _provider.CreatePaymentMethodAsync("4242424242424242");

        var authorized = await Intents.CreateAsync(PaymentProvider.Authorize(card, "order-1", 2599));
        var captured = await Intents.CaptureAsync(authorized.Id);
        var read = await Intents.GetAsync(authorized.Id);

        Assert.Equal(("requires_capture", 2599L, 0L, "manual"), (authorized.Status, authorized.AmountCapturable, authorized.AmountReceived, authorized.CaptureMethod));
        Assert.Equal(card, authorized.PaymentMethodId);
        Assert.Equal("order-1", authorized.Metadata["orderId"]);
        Assert.StartsWith("ch_", authorized.LatestChargeId, StringComparison.Ordinal);
        Assert.Equal(("succeeded", 0L, 2599L), (captured.Status, captured.AmountCapturable, captured.AmountReceived));
        Assert.Equal("succeeded", read.Status);
    }

    [Fact]
    public async Task Cancelling_an_authorized_intent_voids_it()
    {
        var authorized = await Intents.CreateAsync(PaymentProvider.Authorize(await _provider.CreatePaymentMethodAsync("4242424242424242"), "order-2"));

        var canceled = await Intents.CancelAsync(authorized.Id);

        Assert.Equal(("canceled", 0L, 0L), (canceled.Status, canceled.AmountCapturable, canceled.AmountReceived));
        Assert.NotNull(canceled.CanceledAt);
    }

    [Fact]
    public async Task Stripe_nets_auto_paging_lists_every_intent_created_since_a_time_newest_first_a_page_at_a_time()
    {
        var card = await _provider.CreatePaymentMethodAsync("4242424242424242");
        var since = DateTime.UtcNow.AddSeconds(-1);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Intents.CreateAsync(PaymentProvider.Authorize(card, $"order-list-{i}"))).Id);
        }

        var listed = new List<string>();
        await foreach (var intent in Intents.ListAutoPagingAsync(new PaymentIntentListOptions { Limit = 2, Created = new DateRangeOptions { GreaterThanOrEqual = since } }))
        {
            listed.Add(intent.Id);
        }

        var firstPage = await Intents.ListAsync(new PaymentIntentListOptions { Limit = 2, Created = new DateRangeOptions { GreaterThanOrEqual = since } });
        Assert.Equal(Enumerable.Reverse(created), listed.Where(created.Contains));
        Assert.True(firstPage.HasMore);
        Assert.Equal(2, firstPage.Data.Count);
    }

    [Theory]
    [InlineData("4000000000000002", "card_declined", "generic_decline")]
    [InlineData("4000000000009995", "card_declined", "insufficient_funds")]
    [InlineData("4000000000000069", "expired_card", "expired_card")]
    public async Task A_declining_test_card_makes_a_payment_method_and_is_declined_at_confirmation_with_a_402(string number, string code, string declineCode)
    {
        var card = await _provider.CreatePaymentMethodAsync(number);

        var error = await Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(PaymentProvider.Authorize(card, "order-declined")));

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal(("card_error", code, declineCode), (error.StripeError.Type, error.StripeError.Code, error.StripeError.DeclineCode));
        Assert.Equal("requires_payment_method", error.StripeError.PaymentIntent.Status);
        Assert.Equal("requires_payment_method", (await Intents.GetAsync(error.StripeError.PaymentIntent.Id)).Status);
    }

    [Fact]
    public async Task Stripes_ready_made_test_payment_methods_work_as_the_cards_behind_them()
    {
        var authorized = await Intents.CreateAsync(PaymentProvider.Authorize("pm_card_visa", "order-ready-made"));
        var declined = await Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(PaymentProvider.Authorize("pm_card_chargeDeclinedInsufficientFunds", "order-ready-made")));

        Assert.Equal("requires_capture", authorized.Status);
        Assert.StartsWith("pm_", authorized.PaymentMethodId, StringComparison.Ordinal);
        Assert.NotEqual("pm_card_visa", authorized.PaymentMethodId);
        Assert.Equal("insufficient_funds", declined.StripeError.DeclineCode);
    }

    [Fact]
    public async Task Capturing_a_canceled_intent_cancelling_a_captured_one_or_capturing_twice_is_an_unexpected_state()
    {
        var card = await _provider.CreatePaymentMethodAsync("4242424242424242");
        var canceled = await Intents.CancelAsync((await Intents.CreateAsync(PaymentProvider.Authorize(card, "order-3"))).Id);
        var captured = await Intents.CaptureAsync((await Intents.CreateAsync(PaymentProvider.Authorize(card, "order-4"))).Id);

        var captureCanceled = await Assert.ThrowsAsync<StripeException>(() => Intents.CaptureAsync(canceled.Id));
        var cancelCaptured = await Assert.ThrowsAsync<StripeException>(() => Intents.CancelAsync(captured.Id));
        var captureAgain = await Assert.ThrowsAsync<StripeException>(() => Intents.CaptureAsync(captured.Id));
        var cancelAgain = await Assert.ThrowsAsync<StripeException>(() => Intents.CancelAsync(canceled.Id));

        Assert.All([captureCanceled, cancelCaptured, captureAgain, cancelAgain], error =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
            Assert.Equal(("invalid_request_error", "payment_intent_unexpected_state"), (error.StripeError.Type, error.StripeError.Code));
        });
        Assert.Equal("canceled", captureCanceled.StripeError.PaymentIntent.Status);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_with_the_same_parameters_answers_the_first_answer()
    {
        var orderId = Clients.Unique("order");
        var card = await _provider.CreatePaymentMethodAsync("4242424242424242");
        var authorize = new RequestOptions { IdempotencyKey = $"{orderId}|authorize" };
        var capture = new RequestOptions { IdempotencyKey = $"{orderId}|capture" };

        var first = await Intents.CreateAsync(PaymentProvider.Authorize(card, orderId), authorize);
        var again = await Intents.CreateAsync(PaymentProvider.Authorize(card, orderId), authorize);
        var captured = await Intents.CaptureAsync(first.Id, null, capture);
        var capturedAgain = await Intents.CaptureAsync(first.Id, null, capture);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("requires_capture", again.Status);
        Assert.Equal("true", again.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(("succeeded", "succeeded"), (captured.Status, capturedAgain.Status));
        Assert.Single(await _provider.IntentsOfOrderAsync(orderId));
    }

    [Fact]
    public async Task A_decline_under_a_key_is_replayed_as_the_same_402()
    {
        var orderId = Clients.Unique("order");
        var card = await _provider.CreatePaymentMethodAsync("4000000000000002");
        var options = new RequestOptions { IdempotencyKey = $"{orderId}|authorize" };

        var first = await Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(PaymentProvider.Authorize(card, orderId), options));
        var again = await Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(PaymentProvider.Authorize(card, orderId), options));

        Assert.Equal(HttpStatusCode.PaymentRequired, again.HttpStatusCode);
        Assert.Equal(first.StripeError.PaymentIntent.Id, again.StripeError.PaymentIntent.Id);
        Assert.Single(await _provider.IntentsOfOrderAsync(orderId));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_other_parameters_is_an_idempotency_error()
    {
        var orderId = Clients.Unique("order");
        var card = await _provider.CreatePaymentMethodAsync("4242424242424242");
        var options = new RequestOptions { IdempotencyKey = $"{orderId}|authorize" };
        await Intents.CreateAsync(PaymentProvider.Authorize(card, orderId, 1000), options);

        var error = await Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(PaymentProvider.Authorize(card, orderId, 2000), options));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("idempotency_error", error.StripeError.Type);
        Assert.Single(await _provider.IntentsOfOrderAsync(orderId));
    }

    [Theory]
    [InlineData(PaymentProvider.PublishableKey)]
    [InlineData("sk_live_not_here")]
    public async Task A_call_that_needs_a_secret_test_key_is_refused_with_401_without_one(string key)
    {
        var error = await Assert.ThrowsAsync<StripeException>(() =>
            Intents.CreateAsync(PaymentProvider.Authorize("pm_card_visa", "order-key"), new RequestOptions { ApiKey = key }));

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
    }

    [Fact]
    public async Task A_provider_error_fails_the_call_and_is_not_saved_so_a_retry_under_the_same_key_charges_once()
    {
        var orderId = Clients.Unique("order");
        var options = new RequestOptions { IdempotencyKey = $"{orderId}|authorize" };
        await _provider.InjectFaultAsync(new FaultSpec("CreatePaymentIntent", "api_error", 500));

        var error = await Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(PaymentProvider.Authorize("pm_card_visa", orderId), options));
        var retried = await Intents.CreateAsync(PaymentProvider.Authorize("pm_card_visa", orderId), options);

        Assert.Equal(HttpStatusCode.InternalServerError, error.HttpStatusCode);
        Assert.Equal("api_error", error.StripeError.Type);
        Assert.Equal("requires_capture", retried.Status);
        Assert.Single(await _provider.IntentsOfOrderAsync(orderId));
    }

    [Fact]
    public async Task Stripe_net_retries_provider_errors_itself_under_one_key()
    {
        var orderId = Clients.Unique("order");
        await _provider.InjectFaultAsync(new FaultSpec("CapturePaymentIntent", "api_error", 503, Count: 2));
        var authorized = await Intents.CreateAsync(PaymentProvider.Authorize("pm_card_visa", orderId));

        var captured = await new PaymentIntentService(_provider.Client(maxNetworkRetries: 2)).CaptureAsync(authorized.Id, null, new RequestOptions { IdempotencyKey = $"{orderId}|capture" });

        Assert.Equal("succeeded", captured.Status);
        Assert.Empty(await _provider.PendingFaultsAsync());
    }

    [Fact]
    public async Task A_late_answer_times_the_client_out_yet_the_intent_is_made_once_and_a_retry_replays_it()
    {
        var orderId = Clients.Unique("order");
        var options = new RequestOptions { IdempotencyKey = $"{orderId}|authorize" };
        await _provider.InjectFaultAsync(new FaultSpec("CreatePaymentIntent", "", Mode: FaultMode.Delay, DelayMilliseconds: 5000));
        var impatient = new PaymentIntentService(_provider.Client(timeout: TimeSpan.FromMilliseconds(500)));

        await Assert.ThrowsAnyAsync<Exception>(() => impatient.CreateAsync(PaymentProvider.Authorize("pm_card_visa", orderId), options));
        var made = Assert.Single(await _provider.IntentsOfOrderAsync(orderId));
        var retried = await Intents.CreateAsync(PaymentProvider.Authorize("pm_card_visa", orderId), options);

        Assert.Equal((string?)made!["id"], retried.Id);
        Assert.Single(await _provider.IntentsOfOrderAsync(orderId));
    }
}
