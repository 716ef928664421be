using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecommerce.Shared.Consumers;
using Ecommerce.Ordering.Events;
using Ecommerce.TestSupport;

namespace Ecommerce.Ordering.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class CheckoutConsumerTests(LocalEdge edge) : IDisposable
{
    private readonly OrderingService _service = new(edge, ConsumerMode.Off);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task A_good_batch_becomes_submitted_orders_with_every_field_of_the_event_and_a_pending_payment()
    {
        var first = CheckoutMessages.Event("ada", price: 10.25m, quantity: 2);
        var second = CheckoutMessages.Event("bob", price: 1m, quantity: 1);

        var failed = await _service.Consumer.ProcessAsync(
            [CheckoutMessages.Record(CheckoutMessages.Envelope(first)), CheckoutMessages.Record(CheckoutMessages.Envelope(second))], default);

        Assert.Empty(failed);
        var order = Assert.Single(await OrdersOfAsync("ada"));
        var expected = new OrderDto("ada", first.CheckedOutAt, first.CheckoutId, 20.5m, [],
            "Ada", "Lovelace", "ada@example.com", "12 St James's Square, London",
            "Submitted", null, order.UpdatedAt, new OrderPaymentDto("Pending", null, null, null, null));
        Assert.Equal(expected with { Items = order.Items }, order);
        Assert.True(Shared.Events.CheckoutBasketEvent.IsValidTime(order.UpdatedAt));
        Assert.Equal(new OrderItemDto("p1", "Aurora X", "Black", 2, 10.25m), Assert.Single(order.Items));
        Assert.Single(await OrdersOfAsync("bob"));
    }

    [Fact]
    public async Task A_redelivered_event_creates_no_second_order_and_counts_as_success()
    {
        var checkout = CheckoutMessages.Event();
        var body = CheckoutMessages.Envelope(checkout);

        var inOneBatch = await _service.Consumer.ProcessAsync([CheckoutMessages.Record(body), CheckoutMessages.Record(body)], default);
        var later = await _service.Consumer.ProcessAsync([CheckoutMessages.Record(body)], default);

        Assert.Empty(inOneBatch);
        Assert.Empty(later);
        Assert.Equal(checkout.CheckoutId, Assert.Single(await OrdersOfAsync("ada")).OrderId);
    }

    public static TheoryData<string, string> BadBodies()
    {
        var good = CheckoutMessages.Event();
        return new()
        {
            { "not json", "malformed" },
            { "", "empty" },
            { "[]", "not an object" },
            { CheckoutMessages.Envelope(JsonNode.Parse("""{"checkoutId":"x"}""")!), "detail missing fields" },
            { CheckoutMessages.Envelope(CheckoutMessages.With(good, "paymentMethodId", CheckoutMessages.SpacedCardNumber)), "card number for a payment method" },
            { CheckoutMessages.Envelope(CheckoutMessages.With(good, "paymentMethodId", "pm-card")), "payment method id with a dash" },
            { CheckoutMessages.Envelope(CheckoutMessages.With(good, "paymentMethodId", new string('p', 256))), "payment method id too long" },
            { CheckoutMessages.Envelope(CheckoutMessages.With(good, "paymentMethodId", null)), "no payment method id" },
            { CheckoutMessages.Envelope(CheckoutMessages.With(good, "items", new JsonArray())), "no items" },
            { CheckoutMessages.Envelope(CheckoutMessages.With(good, "totalPrice", "ten")), "mistyped total" },
            { CheckoutMessages.Envelope(CheckoutMessages.With(good, "checkedOutAt", "yesterday")), "bad time" },
            { CheckoutMessages.Envelope(CheckoutMessages.With(good, "checkoutId", "not-a-guid")), "bad checkout id" },
            { CheckoutMessages.Envelope(CheckoutMessages.With(good, "userName", "")), "empty user" },
            { CheckoutMessages.Envelope(JsonNode.Parse(CheckoutMessages.Envelope(good))!["detail"]!.DeepClone(), detailType: "SomethingElse"), "other detail-type" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_record_is_reported_failed_while_the_good_ones_beside_it_are_saved(string badBody, string why)
    {
        var good = CheckoutMessages.Event("ada");
        var bad = CheckoutMessages.Record(badBody);

        var failed = await _service.Consumer.ProcessAsync(
            [CheckoutMessages.Record(CheckoutMessages.Envelope(good)), bad, CheckoutMessages.Record(CheckoutMessages.Envelope(CheckoutMessages.Event("ada")))], default);

        Assert.True(failed.SequenceEqual([bad.MessageId]), why);
        Assert.Equal(2, (await OrdersOfAsync("ada")).Count);
    }

    [Fact]
    public async Task A_rejected_record_is_logged_without_its_card_data()
    {
        var withCard = CheckoutMessages.Envelope(CheckoutMessages.With(CheckoutMessages.Event(), "paymentMethodId", CheckoutMessages.SpacedCardNumber));

        await _service.Consumer.ProcessAsync([CheckoutMessages.Record(withCard)], default);

        Assert.Contains(_service.Logs.Lines, line => line.Contains("not a valid CheckoutBasket event", StringComparison.Ordinal));
        Assert.DoesNotContain(_service.Logs.Lines, line => line.Contains(CheckoutMessages.SpacedCardNumber, StringComparison.Ordinal));
    }

    private async Task<List<OrderDto>> OrdersOfAsync(string userName) =>
        (await _service.CreateClient().GetFromJsonAsync<OrderPageDto>($"/order/{userName}"))!.Items;
}
