using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.TestSupport;
using static Ecommerce.EndToEnd.Tests.WholeShop;

namespace Ecommerce.EndToEnd.Tests;

/// <summary>
/// An order's whole life across the five services on one edge, as a shopper and an admin live it: stock
/// reserved by Inventory, money authorized at the provider by Payment, both moved on by Ordering's events,
/// and the invariants of docs/api.md checked at the end of each story.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class OrderLifeTests(LocalEdge edge) : IAsyncDisposable
{
    private readonly WholeShop _shop = new(edge, withOrderLife: true);

    public ValueTask DisposeAsync() => _shop.DisposeAsync();

    [Fact]
    public async Task A_shopper_buys_sees_Confirmed_an_admin_ships_and_the_money_is_captured_and_the_stock_taken()
    {
        var kettle = await _shop.CreateProductAsync("Kettle", 19.99m);
        await _shop.SetStockAsync(kettle, 5);
        using var ada = _shop.Ordering.CreateClient(await edge.AccessTokenAsync("ada"));

        var orderId = await _shop.BuyAsync("ada", ShopperCards.Succeeds, (kettle, 2));

        var confirmed = await EventuallyOrderAsync(ada, "ada", orderId, o => o.Status == "Confirmed");
        Assert.Equal(("Authorized", "visa", "4242"), (confirmed.Payment.Status, confirmed.Payment.Brand, confirmed.Payment.Last4));
        Assert.Equal(3, (await _shop.StockAsync(kettle)).Available);

        using var shipped = await _shop.Orders.PostAsync($"/order/ada/{orderId}/ship", null);
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        Assert.Equal("Shipped", (await shipped.Content.ReadFromJsonAsync<OrderView>())!.Status);

        var captured = await EventuallyOrderAsync(ada, "ada", orderId, o => o.Payment.Status == "Captured");
        Assert.Equal("Shipped", captured.Status);
        var stock = await Eventually.HoldsAsync(() => _shop.StockAsync(kettle), s => s.Reserved == 0, Settles, "the shipped units taken");
        Assert.Equal((3, 0, 3), (stock.OnHand, stock.Reserved, stock.Available));
        var intent = Assert.Single(await _shop.IntentsOfAsync(orderId));
        Assert.Equal(("succeeded", 3998L, "manual"), (intent.GetProperty("status").GetString(), intent.GetProperty("amount").GetInt64(), intent.GetProperty("capture_method").GetString()));
    }

    [Fact]
    public async Task A_shopper_cancels_a_confirmed_order_and_the_stock_and_the_money_come_back()
    {
        var mug = await _shop.CreateProductAsync("Mug", 4.50m);
        await _shop.SetStockAsync(mug, 2);
        using var bob = _shop.Ordering.CreateClient(await edge.AccessTokenAsync("bob"));
        var orderId = await _shop.BuyAsync("bob", ShopperCards.Succeeds, (mug, 2));
        await EventuallyOrderAsync(bob, "bob", orderId, o => o.Status == "Confirmed");

        using var cancelled = await bob.PostAsync($"/order/bob/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var order = await cancelled.Content.ReadFromJsonAsync<OrderView>();
        Assert.Equal(("Cancelled", "ByShopper"), (order!.Status, order.CancelReason));
        Assert.Equal("Voided", (await EventuallyOrderAsync(bob, "bob", orderId, o => o.Payment.Status == "Voided")).Payment.Status);
        Assert.Equal(2, (await Eventually.HoldsAsync(() => _shop.StockAsync(mug), s => s.Available == 2, Settles, "the stock released")).OnHand);
        Assert.Equal("canceled", Assert.Single(await _shop.IntentsOfAsync(orderId)).GetProperty("status").GetString());
        using var shipAfter = await _shop.Orders.PostAsync($"/order/bob/{orderId}/ship", null);
        Assert.Equal(HttpStatusCode.Conflict, shipAfter.StatusCode);
    }

    [Fact]
    public async Task A_declined_card_cancels_the_order_as_PaymentDeclined_and_releases_its_stock()
    {
        var lamp = await _shop.CreateProductAsync("Lamp", 30m);
        await _shop.SetStockAsync(lamp, 1);
        using var cleo = _shop.Ordering.CreateClient(await edge.AccessTokenAsync("cleo"));

        var orderId = await _shop.BuyAsync("cleo", ShopperCards.InsufficientFunds, (lamp, 1));

        var order = await EventuallyOrderAsync(cleo, "cleo", orderId, o => o.Status == "Cancelled");
        Assert.Equal(("PaymentDeclined", "Declined", "insufficient_funds"), (order.CancelReason, order.Payment.Status, order.Payment.DeclineCode));
        Assert.Equal(1, (await Eventually.HoldsAsync(() => _shop.StockAsync(lamp), s => s.Available == 1, Settles, "the stock released")).Available);
    }

    [Fact]
    public async Task Concurrent_checkouts_for_the_last_units_confirm_exactly_as_many_orders_as_there_are_units()
    {
        const int units = 3;
        const int shoppers = 8;
        var last = await _shop.CreateProductAsync("Last ones", 9m);
        await _shop.SetStockAsync(last, units);

        var orders = await Task.WhenAll(Enumerable.Range(0, shoppers).Select(async i =>
        {
            var name = $"rush{i}";
            return (name, await _shop.BuyAsync(name, ShopperCards.Succeeds, (last, 1)));
        }));

        var settled = await Task.WhenAll(orders.Select(o => EventuallyOrderAsync(_shop.Orders, o.name, o.Item2, x => x.Status is "Confirmed" or "Cancelled")));
        Assert.Equal(units, settled.Count(o => o.Status == "Confirmed"));
        Assert.All(settled.Where(o => o.Status == "Cancelled"), o => Assert.Equal("OutOfStock", o.CancelReason));
        var stock = await _shop.StockAsync(last);
        Assert.Equal((units, units, 0), (stock.OnHand, stock.Reserved, stock.Available));
    }
}
