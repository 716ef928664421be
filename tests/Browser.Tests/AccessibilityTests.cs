using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.Browser.Tests;

[Collection(ShopCollection.Name)]
public sealed class AccessibilityTests(ShopStack shop)
{
    [BrowserFact]
    public async Task Every_page_has_no_serious_or_critical_axe_violation_and_every_field_has_a_label()
    {
        var category = "Kitchen";
        var kettle = await shop.AddProductAsync("Kettle", category, 35.00m);
        var toaster = await shop.AddProductAsync("Toaster", category, 49.90m);
        var shopper = "lin";
        await shop.SaveBasketAsync(shopper, kettle);
        await shop.CheckOutAsync(shopper);
        await shop.SaveBasketAsync(shopper, kettle, toaster);
        var pages = new Accessibility();
        var page = await shop.NewVisitorAsync();
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await page.OpenCatalogueAsync();
        await pages.CheckAsync(page, "the catalogue");
        await page.OpenCatalogueAsync(category);
        await pages.CheckAsync(page, "the catalogue of one category");
        await page.ProductLink("Kettle").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add to basket" })).ToBeVisibleAsync();
        await pages.CheckAsync(page, "a product");
        await page.GotoAsync("/catalogue/no-such-product");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await pages.CheckAsync(page, "a product that is not there");
        await page.GotoAsync("/no/such/page");
        await Expect(heading).ToBeVisibleAsync();
        await page.SaveAsync("not-found");
        await pages.CheckAsync(page, "a page that is not there");
        await page.GotoAsync("/my/basket");
        await Expect(heading).ToHaveTextAsync("Please sign in");
        await page.SaveAsync("sign-in-required");
        await pages.CheckAsync(page, "the sign-in prompt");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in to continue" }).ClickAsync();
        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        await page.SaveAsync("sign-in");
        await pages.CheckAsync(page, "LocalCloud's sign-in page");
        await page.SignInAsync(shopper);
        await Expect(page.Locator(".total")).ToHaveTextAsync("$84.90");
        await pages.CheckAsync(page, "the basket");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await Expect(page.GetByText("2 items for $84.90")).ToBeVisibleAsync();
        await pages.CheckAsync(page, "checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page.GetByLabel("First name")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.SaveAsync("checkout-errors");
        await pages.CheckAsync(page, "checkout with its field messages");
        await page.NavigateByMenuAsync("Orders");
        var order = await page.WaitForOrderAsync();
        await pages.CheckAsync(page, "the orders");
        await order.First.Locator("h2 a").ClickAsync();
        await Expect(heading).ToHaveTextAsync("Your order");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the order" })).ToBeFocusedAsync();
        await pages.CheckAsync(page, "an order, asking whether to cancel it");

        var admin = await shop.NewVisitorAsync();
        await admin.GotoAsync($"/catalogue/{kettle}/edit");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in to continue" }).ClickAsync();
        await admin.SignInAsync("staff", admin: true);
        await Expect(admin.GetByLabel("Name")).ToHaveValueAsync("Kettle");
        await Expect(admin.GetByLabel("Units on hand")).ToHaveValueAsync("100");
        await admin.SaveAsync("edit-product");
        await pages.CheckAsync(admin, "editing a product and its stock");
        await admin.NavigateByMenuAsync("Every order");
        await Expect(admin.Locator("article.order").First).ToBeVisibleAsync();
        await pages.CheckAsync(admin, "every order");
        await admin.NavigateByMenuAsync("Add a product");
        await Expect(admin.GetByLabel("Name")).ToHaveValueAsync("");
        await pages.CheckAsync(admin, "adding a product");

        pages.AssertNone();
    }
}
