using System.Net;
using Ecommerce.Contracts;
using Ecommerce.Storefront.Pages;
using Ecommerce.Storefront.Shop;

namespace Ecommerce.Storefront.Tests;

public sealed class OrderTests : StorefrontTest
{
    private const string Id = "0d3b7a52-8f8a-4bb0-9c2e-3f1f5b7f0a11";

    public OrderTests() => SignIn("ada");

    public static string OrderJson(string status, string? cancelReason = null, string userName = "ada", string id = Id) =>
        $$"""
        {"userName":"{{userName}}","orderDate":"2026-11-25T12:52:00.000Z","orderId":"{{id}}","totalPrice":628.5,
         "items":[{"productId":"p1","productName":"Aurora X","quantity":1,"price":499},{"productId":"p2","productName":"Nimbus 5","color":"Blue","quantity":1,"price":129.5}],
         "firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","address":"12 St James's Square, London",
         "status":"{{status}}","cancelReason":{{(cancelReason is null ? "null" : $"\"{cancelReason}\"")}},"updatedAt":"2026-11-25T12:52:01.000Z",
         "payment":{"status":"Authorized","paymentIntentId":"pi_1","brand":"visa","last4":"4242","declineCode":null} }
        """;

    [Fact]
    public void The_order_page_shows_the_lines_the_card_as_the_provider_read_it_and_the_status_in_plain_words()
    {
        Api.On($"GET /order/ada/{Id}", HttpStatusCode.OK, OrderJson("Confirmed"));

        var page = Render<OrderPage>(parameters => parameters.Add(p => p.OrderId, Id));

        page.WaitForAssertion(() => Assert.Equal("Confirmed", page.Find(".order-state .status").TextContent));
        Assert.Equal(["1 × Aurora X, $499.00 each", "1 × Nimbus 5 (Blue), $129.50 each"], page.FindAll(".lines li").Select(li => li.TextContent));
        Assert.Contains("Visa ending 4242", page.Markup, StringComparison.Ordinal);
        Assert.Equal("Total $628.50", page.Find(".total").TextContent);
    }

    [Fact]
    public void Cancel_asks_first_and_keeping_the_order_sends_nothing()
    {
        Api.On($"GET /order/ada/{Id}", HttpStatusCode.OK, OrderJson("Confirmed"));
        var page = Render<OrderPage>(parameters => parameters.Add(p => p.OrderId, Id));
        page.WaitForElement("button:contains('Cancel order')");

        page.Find("button:contains('Cancel order')").Click();
        Assert.Contains("Cancel this order?", page.Find(".confirm").TextContent, StringComparison.Ordinal);
        page.Find("button:contains('Keep the order')").Click();

        Assert.Empty(page.FindAll(".confirm"));
        Assert.Empty(Api.SentTo($"POST /order/ada/{Id}/cancel"));
    }

    [Fact]
    public void A_confirmed_cancel_is_sent_once_and_the_order_shows_cancelled_at_the_shoppers_request_with_no_cancel_button()
    {
        Api.On($"GET /order/ada/{Id}", HttpStatusCode.OK, OrderJson("Confirmed"))
           .On($"POST /order/ada/{Id}/cancel", HttpStatusCode.OK, OrderJson("Cancelled", "ByShopper"));
        var page = Render<OrderPage>(parameters => parameters.Add(p => p.OrderId, Id));
        page.WaitForElement("button:contains('Cancel order')");

        page.Find("button:contains('Cancel order')").Click();
        page.Find("button:contains('Yes, cancel the order')").Click();

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find(".order-state .status").TextContent));
        Assert.Equal("Cancelled at your request. Nothing was charged.", page.Find(".order-state .explained").TextContent);
        Assert.Empty(page.FindAll("button:contains('Cancel order')"));
        Assert.Single(Api.SentTo($"POST /order/ada/{Id}/cancel"));
    }

    [Fact]
    public void A_cancel_refused_because_the_order_shipped_says_so_and_shows_it_shipped()
    {
        Api.On($"GET /order/ada/{Id}", HttpStatusCode.OK, OrderJson("Confirmed"))
           .On($"GET /order/ada/{Id}", HttpStatusCode.OK, OrderJson("Shipped"))
           .OnProblem($"POST /order/ada/{Id}/cancel", HttpStatusCode.Conflict, """{"status":409,"title":"The order is Shipped"}""");
        var page = Render<OrderPage>(parameters => parameters.Add(p => p.OrderId, Id));
        page.WaitForElement("button:contains('Cancel order')");

        page.Find("button:contains('Cancel order')").Click();
        page.Find("button:contains('Yes, cancel the order')").Click();

        page.WaitForAssertion(() => Assert.Equal("Shipped", page.Find(".order-state .status").TextContent));
        Assert.Equal("This order has shipped, so it can no longer be cancelled.", page.Find("[role=alert]").TextContent);
    }

    [Theory]
    [InlineData("Shipped")]
    [InlineData("Cancelled")]
    public void An_order_that_can_no_longer_be_cancelled_offers_no_cancel(string status)
    {
        Api.On($"GET /order/ada/{Id}", HttpStatusCode.OK, OrderJson(status, status == "Cancelled" ? "Expired" : null));

        var page = Render<OrderPage>(parameters => parameters.Add(p => p.OrderId, Id));

        page.WaitForAssertion(() => Assert.Equal(status, page.Find(".order-state .status").TextContent));
        Assert.Empty(page.FindAll("button:contains('Cancel order')"));
    }

    [Fact]
    public void An_order_on_its_way_is_read_again_by_itself_until_it_settles()
    {
        Api.On($"GET /order/ada/{Id}", HttpStatusCode.OK, OrderJson("Submitted"))
           .On($"GET /order/ada/{Id}", HttpStatusCode.OK, OrderJson("StockReserved"))
           .On($"GET /order/ada/{Id}", HttpStatusCode.OK, OrderJson("Confirmed"));

        var page = Render<OrderPage>(parameters => parameters.Add(p => p.OrderId, Id));

        page.WaitForAssertion(() => Assert.Equal("Submitted", page.Find(".order-state .status").TextContent));
        page.WaitForAssertion(() => Assert.Equal("Reserving stock", page.Find(".order-state .status").TextContent), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Equal("Confirmed", page.Find(".order-state .status").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(3, Api.SentTo($"GET /order/ada/{Id}").Count());
    }

    [Fact]
    public void The_orders_page_shows_each_orders_status_and_links_to_the_order()
    {
        Api.On("GET /order/ada", HttpStatusCode.OK, $$"""{"items":[{{OrderJson("Cancelled", "OutOfStock")}}],"nextToken":null}""");

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find(".order-state .status").TextContent));
        Assert.Equal("Cancelled: an item sold out before we could set it aside. Your card was not charged.", page.Find(".order-state .explained").TextContent);
        Assert.Equal($"my/orders/{Id}", page.Find("article.order h2 a").GetAttribute("href"));
    }

    [Theory]
    [InlineData(OrderStatus.Submitted, "Submitted")]
    [InlineData(OrderStatus.StockReserved, "Reserving stock")]
    [InlineData(OrderStatus.Confirmed, "Confirmed")]
    [InlineData(OrderStatus.Shipped, "Shipped")]
    [InlineData(OrderStatus.Cancelled, "Cancelled")]
    public void Every_status_has_plain_words(OrderStatus status, string words) => Assert.Equal(words, OrderWords.Status(status));

    [Fact]
    public void Every_cancel_reason_is_told_in_words_of_its_own()
    {
        var order = new Order("ada", "2026-11-25T12:52:00.000Z", Id, 1m, [], "Ada", "Lovelace", "ada@example.com", "London",
            OrderStatus.Cancelled, null, "2026-11-25T12:52:01.000Z", new OrderPayment(PaymentStatus.Voided, null, null, null, null));
        var sentences = Enum.GetValues<CancelReason>().Select(reason => OrderWords.Explained(order with { CancelReason = reason })).ToList();

        Assert.Equal(sentences.Count, sentences.Distinct().Count());
        Assert.All(sentences, sentence => Assert.StartsWith("Cancelled", sentence, StringComparison.Ordinal));
    }

    [Fact]
    public void The_refreshes_back_off_to_every_30_seconds_and_an_order_left_to_expire_costs_33_requests()
    {
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(0, 7).Select(i => SettleRefresh.DelayBefore(i).TotalSeconds));

        var elapsed = TimeSpan.Zero;
        var requests = 0;
        while ((elapsed += SettleRefresh.DelayBefore(requests)) <= TimeSpan.FromMinutes(15))
        {
            requests++;
        }

        Assert.Equal(33, requests);
        Assert.True(requests < SettleRefresh.MaxRefreshes);
    }
}
