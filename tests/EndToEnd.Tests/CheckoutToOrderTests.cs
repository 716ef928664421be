extern alias basket;
extern alias ordering;

using System.Net;
using System.Net.Http.Json;
using Ecommerce.TestSupport;
using BasketProgram = basket::Program;
using OrderingProgram = ordering::Program;

namespace Ecommerce.EndToEnd.Tests;

[CollectionDefinition(Name)]
public sealed class LocalEdgeDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "edge";
}

/// <summary>
/// Basket and Ordering together on one edge, sharing one bus, rule and queue: a checkout travels
/// through EventBridge and SQS and comes out as an order, as it does in AWS.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class CheckoutToOrderTests : IDisposable
{
    private const string CardNumber = "5500005555555559";

    private readonly ServiceFactory<BasketProgram> _basket;
    private readonly ServiceFactory<OrderingProgram> _ordering;

    public CheckoutToOrderTests(LocalEdge edge)
    {
        var suffix = "-" + Guid.NewGuid().ToString("N")[..8];
        _ordering = new ServiceFactory<OrderingProgram>(edge) { Suffix = suffix };
        _ordering.Settings["Ordering:Consumer:Mode"] = "Poll";
        _ordering.Settings["Ordering:Consumer:WaitTimeSeconds"] = "1";
        _basket = new ServiceFactory<BasketProgram>(edge) { Suffix = suffix };
        Orders = _ordering.CreateClient();
        Baskets = _basket.CreateClient();
    }

    private HttpClient Baskets { get; }

    private HttpClient Orders { get; }

    public void Dispose()
    {
        _basket.Dispose();
        _ordering.Dispose();
    }

    [Fact]
    public async Task A_checked_out_basket_becomes_an_order_with_its_total_items_id_and_card_last_four()
    {
        await SaveBasketAsync("ada", ("p1", 3, 19.99m), ("p2", 1, 0.03m));

        var accepted = await CheckoutAsync("ada");

        var order = Assert.Single(await EventuallyOrdersAsync("ada", 1));
        Assert.Equal(accepted.CheckoutId, order.OrderId);
        Assert.Equal(60m, order.TotalPrice);
        Assert.Equal(accepted.TotalPrice, order.TotalPrice);
        Assert.Equal(["p1", "p2"], order.Items.Select(i => i.ProductId));
        Assert.Equal((3, 19.99m), (order.Items[0].Quantity, order.Items[0].Price));
        Assert.Equal("5559", order.CardLast4);
        Assert.Equal(("Ada", "Lovelace", "ada@example.com"), (order.FirstName, order.LastName, order.Email));
        Assert.Equal(HttpStatusCode.NotFound, (await Baskets.GetAsync("/basket/ada")).StatusCode);
        Assert.DoesNotContain(CardNumber, await Orders.GetStringAsync("/order/ada"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_checkouts_become_two_orders_newest_first_and_page_one_at_a_time()
    {
        await SaveBasketAsync("bob", ("p1", 1, 1m));
        var first = await CheckoutAsync("bob");
        await SaveBasketAsync("bob", ("p2", 2, 2m));
        var second = await CheckoutAsync("bob");

        var orders = await EventuallyOrdersAsync("bob", 2);

        Assert.Equal([second.CheckoutId, first.CheckoutId], orders.Select(o => o.OrderId));
        var page1 = await Orders.GetFromJsonAsync<OrderPage>("/order/bob?limit=1");
        var page2 = await Orders.GetFromJsonAsync<OrderPage>($"/order/bob?limit=1&nextToken={Uri.EscapeDataString(page1!.NextToken!)}");
        Assert.Equal(second.CheckoutId, Assert.Single(page1.Items).OrderId);
        Assert.Equal(first.CheckoutId, Assert.Single(page2!.Items).OrderId);
        var byDate = await Orders.GetFromJsonAsync<OrderPage>($"/order/bob?orderDate={orders[1].OrderDate}");
        Assert.Equal(first.CheckoutId, Assert.Single(byDate!.Items).OrderId);
    }

    private async Task SaveBasketAsync(string userName, params (string ProductId, int Quantity, decimal Price)[] items)
    {
        var body = new { userName, items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity, price = i.Price }) };
        (await Baskets.PostAsJsonAsync("/basket", body)).EnsureSuccessStatusCode();
    }

    private async Task<CheckoutAccepted> CheckoutAsync(string userName)
    {
        var response = await Baskets.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout(userName, CardNumber));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CheckoutAccepted>())!;
    }

    private async Task<List<Order>> EventuallyOrdersAsync(string userName, int count)
    {
        var orders = await Eventually.HoldsAsync(
            async () => (await Orders.GetFromJsonAsync<OrderPage>($"/order/{userName}"))!.Items,
            orders => orders.Count >= count,
            TimeSpan.FromSeconds(15),
            $"{count} orders of {userName}");

        Assert.Equal(count, orders.Count);
        return orders;
    }

    private sealed record CheckoutAccepted(string CheckoutId, string UserName, decimal TotalPrice);

    private sealed record OrderItem(string ProductId, int Quantity, decimal Price);

    private sealed record Order(string OrderId, string OrderDate, decimal TotalPrice, List<OrderItem> Items, string FirstName, string LastName, string Email, string CardLast4);

    private sealed record OrderPage(List<Order> Items, string? NextToken);
}
