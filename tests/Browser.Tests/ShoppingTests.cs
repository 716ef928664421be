using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.Browser.Tests;

[Collection(ShopCollection.Name)]
public sealed class ShoppingTests(ShopStack shop)
{
    [BrowserFact]
    public async Task A_shopper_filters_the_catalogue_buys_two_products_and_sees_the_order_at_the_catalogues_total_and_a_second_shopper_sees_none_of_it()
    {
        var phones = "Phones";
        await shop.AddProductAsync("Aurora X", phones, 499.00m);
        await shop.AddProductAsync("Nimbus 5", phones, 129.50m);
        await shop.AddProductAsync("Echo Mini", "Audio", 59.99m);
        await shop.AddProductAsync("Halo Headphones", "Audio", 89.00m);
        var page = await shop.NewVisitorAsync();

        await page.OpenCatalogueAsync();
        await page.SaveAsync("catalogue");
        await page.FilterByCategoryAsync(phones);
        await Expect(page.ProductLink("Aurora X")).ToContainTextAsync("$499.00");
        await Expect(page.ProductLink("Nimbus 5")).ToContainTextAsync("$129.50");
        await Expect(page.ProductLink("Echo Mini")).ToHaveCountAsync(0);

        await page.ProductLink("Aurora X").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aurora X");
        await page.SaveAsync("product");
        await page.AddToBasketAsync(signInAs: "ada");
        await page.GoBackAsync();
        await page.OpenCatalogueAsync(phones);
        await page.ProductLink("Nimbus 5").ClickAsync();
        await page.AddToBasketAsync();

        await page.NavigateByMenuAsync("Basket");
        var quantity = page.GetByLabel("Quantity of Nimbus 5");
        await Expect(page.Locator(".total")).ToHaveTextAsync("$628.50");
        await quantity.FillAsync("3");
        await quantity.BlurAsync(); // a quantity is saved when it changes, as a person leaves the field
        await Expect(page.Locator(".total")).ToHaveTextAsync("$887.50"); // 499.00 + 3 × 129.50, the catalogue's prices
        await page.SaveAsync("basket");

        // A second shopper, in a browser of their own, does not see the first one's basket.
        var other = await shop.NewVisitorAsync();
        await other.GotoAsync("/my/basket");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign in to continue" }).ClickAsync();
        await other.SignInAsync("grace");
        await Expect(other).ToHaveURLAsync(ShopPages.Path("/my/basket"));
        await Expect(other.GetByText("Your basket is empty.")).ToBeVisibleAsync();
        await Expect(other.GetByText("Nimbus 5")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await Expect(page.GetByText("4 items for $887.50")).ToBeVisibleAsync();
        // A number the provider refuses is explained in its words; the shop is not asked and the basket stays.
        await page.FillCheckoutAsync(card: "4242424242424241");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Your card number is incorrect.");
        await Expect(page.GetByText("4 items for $887.50")).ToBeVisibleAsync();

        await page.FillCheckoutAsync();
        await page.SaveAsync("checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your order of $887.50 is placed.");

        await page.GetByRole(AriaRole.Link, new() { Name = "See your orders" }).ClickAsync();
        var order = await page.WaitForOrderAsync();
        await Expect(order).ToHaveCountAsync(1);
        await Expect(order).ToContainTextAsync("$887.50");
        await Expect(order).ToContainTextAsync("1 × Aurora X, $499.00 each");
        await Expect(order).ToContainTextAsync("3 × Nimbus 5, $129.50 each");
        await page.SaveAsync("orders");

        await page.NavigateByMenuAsync("Basket");
        await Expect(page.GetByText("Your basket is empty.")).ToBeVisibleAsync();

        // Nor their order, once it is stored.
        await other.NavigateByMenuAsync("Orders");
        await Expect(other.GetByText("No orders yet.")).ToBeVisibleAsync();
        await Expect(other.Locator("article.order")).ToHaveCountAsync(0);
        await Expect(other.GetByText("Nimbus 5")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task An_admin_adds_a_product_in_the_storefront_and_a_shopper_sees_it()
    {
        var lamps = "Lamps";
        var admin = await shop.NewVisitorAsync();
        await admin.OpenCatalogueAsync();
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Add a product" })).ToHaveCountAsync(0);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await admin.SignInAsync("staff", admin: true);

        await admin.NavigateByMenuAsync("Add a product");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add a product");
        await admin.GetByLabel("Name").FillAsync("Lumen");
        await admin.GetByLabel("Category").FillAsync(lamps);
        await admin.GetByLabel("Price").FillAsync("42.50");
        await admin.GetByLabel("Description").FillAsync("A desk lamp that dims.");
        await admin.SaveAsync("add-product");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lumen");
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Edit this product" })).ToBeVisibleAsync();

        var shopper = await shop.NewVisitorAsync();
        await shopper.OpenCatalogueAsync(lamps);
        await Expect(shopper.ProductLink("Lumen")).ToContainTextAsync("$42.50");
        await Expect(shopper.GetByRole(AriaRole.Link, new() { Name = "Add a product" })).ToHaveCountAsync(0);
    }
}
