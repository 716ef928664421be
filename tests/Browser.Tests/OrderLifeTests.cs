using Ecommerce.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.Browser.Tests;

/// <summary>An order's life as shoppers and an admin see it in the storefront: stock, a declined card, cancel and ship.</summary>
[Collection(ShopCollection.Name)]
public sealed class OrderLifeTests(ShopStack shop)
{
    [BrowserFact]
    public async Task A_shopper_buys_the_last_unit_and_a_second_shoppers_order_for_it_is_cancelled_as_out_of_stock()
    {
        var vase = await shop.AddProductAsync("Last Vase", "Vases", 80.00m, stock: 1);
        var page = await shop.NewVisitorAsync();
        await page.GotoAsync($"/catalogue/{vase}");
        await Expect(page.Locator(".stock")).ToHaveTextAsync("Only 1 left");
        await page.AddToBasketAsync(signInAs: "uma");
        await page.NavigateByMenuAsync("Basket");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await page.FillCheckoutAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(page.Locator(".order-state .status")).ToHaveTextAsync("Confirmed");

        // The second shopper's basket was filled before the last unit went; their order comes too late for it.
        await shop.SaveBasketAsync("bo", vase);
        await shop.CheckOutAsync("bo");
        var other = await shop.NewVisitorAsync();
        await other.GotoAsync("/my/orders");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign in to continue" }).ClickAsync();
        await other.SignInAsync("bo");
        var order = await other.WaitForOrderAsync();
        await Expect(order.Locator(".order-state .status")).ToHaveTextAsync("Cancelled");
        await Expect(order.Locator(".order-state .explained")).ToHaveTextAsync("Cancelled: an item sold out before we could set it aside. Your card was not charged.");

        await other.GotoAsync($"/catalogue/{vase}");
        await Expect(other.Locator(".stock")).ToHaveTextAsync("Out of stock");
        await Expect(other.GetByRole(AriaRole.Button, new() { Name = "Add to basket" })).ToBeDisabledAsync();
    }

    [BrowserFact]
    public async Task A_declined_card_is_told_in_plain_words_and_the_basket_is_kept_for_another_card()
    {
        await shop.AddProductAsync("Declined Mug", "Mugs", 12.00m);
        var page = await shop.NewVisitorAsync();
        await page.OpenCatalogueAsync("Mugs");
        await page.ProductLink("Declined Mug").ClickAsync();
        await page.AddToBasketAsync(signInAs: "dee");
        await page.NavigateByMenuAsync("Basket");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await page.FillCheckoutAsync(card: "4000000000000002");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Your card was declined. Nothing was charged and your basket is as it was: try another card.");
        await Expect(page.GetByText("1 items for $12.00")).ToBeVisibleAsync();
        await page.NavigateByMenuAsync("Basket");
        await Expect(page.Locator(".total")).ToHaveTextAsync("$12.00");
    }

    [BrowserFact]
    public async Task A_shopper_cancels_a_confirmed_order_and_an_admin_ships_another_which_the_shopper_sees_shipped()
    {
        var clock = await shop.AddProductAsync("Wall Clock", "Clocks", 45.00m);
        var page = await shop.NewVisitorAsync();
        await page.GotoAsync("/my/orders");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in to continue" }).ClickAsync();
        await page.SignInAsync("cy");
        await shop.SaveBasketAsync("cy", clock);
        await shop.CheckOutAsync("cy");
        var first = await page.WaitForOrderAsync();
        await Expect(first.Locator(".order-state .status")).ToHaveTextAsync("Confirmed"); // the page reads it again by itself

        await first.Locator("h2 a").ClickAsync();
        await Expect(page.GetByText("Visa ending 4242")).ToBeVisibleAsync();
        await page.SaveAsync("order");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the order" }).ClickAsync();
        await Expect(page.Locator(".order-state .status")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToHaveCountAsync(0);

        await shop.SaveBasketAsync("cy", clock);
        await shop.CheckOutAsync("cy");
        var admin = await shop.NewVisitorAsync();
        await admin.GotoAsync("/admin/orders?status=Confirmed");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in to continue" }).ClickAsync();
        await admin.SignInAsync("boss", admin: true);
        var confirmed = admin.Locator("article.order").Filter(new() { HasText = "cy" }).Filter(new() { HasText = "Wall Clock" });
        await Eventually.HoldsAsync( // the order is Confirmed a moment after checkout: the admin reloads until it is listed
            async () =>
            {
                await admin.ReloadAsync();
                await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Every order: Confirmed");
                await Expect(admin.GetByRole(AriaRole.Status)).ToHaveCountAsync(0); // loaded
                return await confirmed.CountAsync();
            },
            count => count > 0, TimeSpan.FromSeconds(30), "the admin's page lists cy's Confirmed order");
        await admin.SaveAsync("admin-orders");
        await confirmed.First.GetByRole(AriaRole.Button, new() { Name = "Ship order" }).ClickAsync();
        await Expect(confirmed.First.Locator(".order-state .status")).ToHaveTextAsync("Shipped");

        await page.NavigateByMenuAsync("Orders");
        await Expect(page.Locator("article.order .order-state .status").First).ToHaveTextAsync("Shipped");
    }
}
