using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ecommerce.TestSupport;

namespace Ecommerce.EndToEnd.Tests;

[CollectionDefinition(Name)]
public sealed class LocalEdgeDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "edge";
}

/// <summary>
/// The whole shop on one edge: products flow from the catalogue into baskets at the catalogue's prices,
/// and a checkout travels through EventBridge and SQS and comes out as an order, as it does in AWS.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class CheckoutToOrderTests(LocalEdge edge) : IAsyncDisposable
{
    private const string PaymentMethodId = "pm_card_visa";

    private readonly WholeShop _shop = new(edge);

    public ValueTask DisposeAsync() => _shop.DisposeAsync();

    [Fact]
    public async Task A_checked_out_basket_becomes_an_order_with_the_catalogues_prices_its_id_and_card_last_four()
    {
        var kettle = await _shop.CreateProductAsync("Kettle", 19.99m);
        var tea = await _shop.CreateProductAsync("Tea", 0.03m);
        await _shop.SaveBasketAsync("ada", (kettle, 3), (tea, 1));

        var accepted = await CheckoutAsync(_shop.Baskets, "ada");

        var order = Assert.Single(await EventuallyOrdersAsync(_shop.Orders, "ada", 1));
        Assert.Equal(accepted.CheckoutId, order.OrderId);
        Assert.Equal(60m, order.TotalPrice);
        Assert.Equal(accepted.TotalPrice, order.TotalPrice);
        Assert.Equal([kettle, tea], order.Items.Select(i => i.ProductId));
        Assert.Equal(("Kettle", 3, 19.99m), (order.Items[0].ProductName, order.Items[0].Quantity, order.Items[0].Price));
        Assert.Equal(("Ada", "Lovelace", "ada@example.com"), (order.FirstName, order.LastName, order.Email));
        Assert.Equal(HttpStatusCode.NotFound, (await _shop.Baskets.GetAsync("/basket/ada")).StatusCode);
        var shown = await _shop.Orders.GetStringAsync("/order/ada");
        Assert.DoesNotContain("cardLast4", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(PaymentMethodId, shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_checkouts_become_two_orders_newest_first_and_page_one_at_a_time()
    {
        var mug = await _shop.CreateProductAsync("Mug", 2m);
        await _shop.SaveBasketAsync("bob", (mug, 1));
        var first = await CheckoutAsync(_shop.Baskets, "bob");
        await _shop.SaveBasketAsync("bob", (mug, 2));
        var second = await CheckoutAsync(_shop.Baskets, "bob");

        var orders = await EventuallyOrdersAsync(_shop.Orders, "bob", 2);

        Assert.Equal([second.CheckoutId, first.CheckoutId], orders.Select(o => o.OrderId));
        var page1 = await _shop.Orders.GetFromJsonAsync<OrderPage>("/order/bob?limit=1");
        var page2 = await _shop.Orders.GetFromJsonAsync<OrderPage>($"/order/bob?limit=1&nextToken={Uri.EscapeDataString(page1!.NextToken!)}");
        Assert.Equal(second.CheckoutId, Assert.Single(page1.Items).OrderId);
        Assert.Equal(first.CheckoutId, Assert.Single(page2!.Items).OrderId);
        var byDate = await _shop.Orders.GetFromJsonAsync<OrderPage>($"/order/bob?orderDate={orders[1].OrderDate}");
        Assert.Equal(first.CheckoutId, Assert.Single(byDate!.Items).OrderId);
    }

    [Fact]
    public async Task A_price_change_in_the_catalogue_reaches_the_basket_and_checkout_charges_it()
    {
        var phone = await _shop.CreateProductAsync("Aurora X", 499.99m);
        await _shop.SaveBasketAsync("cleo", (phone, 2));

        using var changed = await _shop.Products.PutAsJsonAsync($"/product/{phone}", new { name = "Aurora X", price = 449.99m, category = "Kitchen" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var basket = await Eventually.HoldsAsync(
            () => _shop.Baskets.GetFromJsonAsync<BasketDto>("/basket/cleo"),
            b => b!.TotalPrice == 899.98m,
            TimeSpan.FromSeconds(20),
            "the new price in cleo's basket");
        Assert.Equal(449.99m, basket!.Items[0].Price);
        var accepted = await CheckoutAsync(_shop.Baskets, "cleo");
        Assert.Equal(899.98m, accepted.TotalPrice);
        Assert.Equal(899.98m, Assert.Single(await EventuallyOrdersAsync(_shop.Orders, "cleo", 1)).TotalPrice);
    }

    [Fact]
    public async Task A_product_deleted_from_the_catalogue_cannot_be_added_and_stops_a_checkout_with_a_409()
    {
        var lamp = await _shop.CreateProductAsync("Lamp", 30m);
        var desk = await _shop.CreateProductAsync("Desk", 200m);
        await _shop.SaveBasketAsync("dora", (lamp, 1), (desk, 1));

        Assert.Equal(HttpStatusCode.NoContent, (await _shop.Products.DeleteAsync($"/product/{desk}")).StatusCode);

        // A checkout before Basket's view hears of the deletion would still go through: wait until adding the desk is refused.
        using var added = await Eventually.HoldsAsync(
            () => _shop.Baskets.PostAsJsonAsync("/basket", new { userName = "dora-friend", items = new[] { new { productId = desk, quantity = 1 } } }),
            response => response.StatusCode == HttpStatusCode.BadRequest,
            TimeSpan.FromSeconds(20),
            "the deleted desk refused in a basket");
        Assert.Contains("items[0].productId", (await added.ReadProblemAsync()).Errors!.Keys);

        using var refused = await _shop.Baskets.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("dora", PaymentMethodId));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("items[1].productId", (await refused.ReadProblemAsync()).Errors!.Keys);
        Assert.Equal(HttpStatusCode.OK, (await _shop.Baskets.GetAsync("/basket/dora")).StatusCode);
        Assert.Empty((await _shop.Orders.GetFromJsonAsync<OrderPage>("/order/dora"))!.Items);
    }

    [Fact]
    public async Task A_shopper_signed_in_at_the_issuer_fills_a_basket_checks_out_and_reads_the_order_that_another_shopper_cannot_see()
    {
        var book = await _shop.CreateProductAsync("Book", 12m);
        using var erin = await SignedInAsync(_shop.Baskets, "erin");
        using var erinsOrders = await SignedInAsync(_shop.Orders, "erin");
        using var finn = await SignedInAsync(_shop.Orders, "finn");

        await ShopRequests.SaveBasketAsync(erin, "erin", (book, 2));
        var accepted = await CheckoutAsync(erin, "erin");

        Assert.Equal(accepted.CheckoutId, Assert.Single(await EventuallyOrdersAsync(erinsOrders, "erin", 1)).OrderId);
        Assert.Equal(HttpStatusCode.Forbidden, (await finn.GetAsync("/order/erin")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finn.GetAsync("/order")).StatusCode);
        Assert.Empty((await finn.GetFromJsonAsync<OrderPage>("/order/finn"))!.Items);
    }

    /// <summary>A client of the service's address carrying a token from LocalCloud's issuer, as a script signs in.</summary>
    private async Task<HttpClient> SignedInAsync(HttpClient service, string userName)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await edge.AccessTokenAsync(userName));
        return client;
    }

    private static async Task<CheckoutAccepted> CheckoutAsync(HttpClient baskets, string userName)
    {
        var response = await baskets.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout(userName, PaymentMethodId));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CheckoutAccepted>())!;
    }

    private static async Task<List<Order>> EventuallyOrdersAsync(HttpClient orders, string userName, int count)
    {
        var found = await Eventually.HoldsAsync(
            async () => (await orders.GetFromJsonAsync<OrderPage>($"/order/{userName}"))!.Items,
            list => list.Count >= count,
            TimeSpan.FromSeconds(15),
            $"{count} orders of {userName}");

        Assert.Equal(count, found.Count);
        return found;
    }

    private sealed record CheckoutAccepted(string CheckoutId, string UserName, decimal TotalPrice);

    private sealed record LineDto(string ProductId, string? ProductName, int Quantity, decimal Price);

    private sealed record BasketDto(string UserName, List<LineDto> Items, decimal TotalPrice);

    private sealed record Order(string OrderId, string OrderDate, decimal TotalPrice, List<LineDto> Items, string FirstName, string LastName, string Email);

    private sealed record OrderPage(List<Order> Items, string? NextToken);
}
