using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.Browser.Tests;

[Collection(ShopCollection.Name)]
public sealed class ShoppingTests(ShopStack shop)
{
    // Each test's own category and users: the tests share one running shop.
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];

    [BrowserFact]
    public async Task A_shopper_filters_the_catalogue_buys_two_products_and_sees_the_order_at_the_catalogues_total()
    {
        var phones = $"Phones-{_run}";
        await shop.AddProductAsync($"Aurora {_run}", phones, 499.00m);
        await shop.AddProductAsync($"Nimbus {_run}", phones, 129.50m);
        await shop.AddProductAsync($"Echo {_run}", $"Audio-{_run}", 59.99m);
        var page = await shop.NewVisitorAsync();

        await page.OpenCatalogueAsync();
        await page.SaveAsync("catalogue");
        await page.FilterByCategoryAsync(phones);
        await Expect(page.ProductLink($"Aurora {_run}")).ToContainTextAsync("$499.00");
        await Expect(page.ProductLink($"Nimbus {_run}")).ToContainTextAsync("$129.50");
        await Expect(page.ProductLink($"Echo {_run}")).ToHaveCountAsync(0);

        await page.ProductLink($"Aurora {_run}").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Aurora {_run}");
        await page.SaveAsync("product");
        await page.AddToBasketAsync(signInAs: $"ada-{_run}");
        await page.GoBackAsync();
        await page.OpenCatalogueAsync(phones);
        await page.ProductLink($"Nimbus {_run}").ClickAsync();
        await page.AddToBasketAsync();

        await page.NavigateByMenuAsync("Basket");
        var quantity = page.GetByLabel($"Quantity of Nimbus {_run}");
        await Expect(page.Locator(".total")).ToHaveTextAsync("$628.50");
        await quantity.FillAsync("3");
        await quantity.BlurAsync(); // a quantity is saved when it changes, as a person leaves the field
        await Expect(page.Locator(".total")).ToHaveTextAsync("$887.50"); // 499.00 + 3 × 129.50, the catalogue's prices
        await page.SaveAsync("basket");

        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await Expect(page.GetByText("4 items for $887.50")).ToBeVisibleAsync();
        await page.FillCheckoutAsync();
        await page.SaveAsync("checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your order of $887.50 is placed.");

        await page.GetByRole(AriaRole.Link, new() { Name = "See your orders" }).ClickAsync();
        var order = await page.WaitForOrderAsync();
        await Expect(order).ToHaveCountAsync(1);
        await Expect(order).ToContainTextAsync("$887.50, paid by");
        await Expect(order).ToContainTextAsync("ending 1111");
        await Expect(order).ToContainTextAsync($"1 × Aurora {_run}, $499.00 each");
        await Expect(order).ToContainTextAsync($"3 × Nimbus {_run}, $129.50 each");
        await page.SaveAsync("orders");

        await page.NavigateByMenuAsync("Basket");
        await Expect(page.GetByText("Your basket is empty.")).ToBeVisibleAsync();

        // A second shopper, in a browser of their own, sees neither the basket nor the order.
        var other = await shop.NewVisitorAsync();
        await other.GotoAsync("/my/orders");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign in to continue" }).ClickAsync();
        await other.SignInAsync($"grace-{_run}");
        await Expect(other).ToHaveURLAsync(ShopPages.Path("/my/orders"));
        await Expect(other.GetByText("No orders yet.")).ToBeVisibleAsync();
        await Expect(other.Locator("article.order")).ToHaveCountAsync(0);
        await other.NavigateByMenuAsync("Basket");
        await Expect(other.GetByText("Your basket is empty.")).ToBeVisibleAsync();
        await Expect(other.GetByText($"Nimbus {_run}")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task An_admin_adds_a_product_in_the_storefront_and_a_shopper_sees_it()
    {
        var lamps = $"Lamps-{_run}";
        var admin = await shop.NewVisitorAsync();
        await admin.OpenCatalogueAsync();
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Add a product" })).ToHaveCountAsync(0);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await admin.SignInAsync($"staff-{_run}", admin: true);

        await admin.NavigateByMenuAsync("Add a product");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add a product");
        await admin.GetByLabel("Name").FillAsync($"Lumen {_run}");
        await admin.GetByLabel("Category").FillAsync(lamps);
        await admin.GetByLabel("Price").FillAsync("42.50");
        await admin.GetByLabel("Description").FillAsync("A desk lamp that dims.");
        await admin.SaveAsync("add-product");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Lumen {_run}");
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Edit this product" })).ToBeVisibleAsync();

        var shopper = await shop.NewVisitorAsync();
        await shopper.OpenCatalogueAsync(lamps);
        await Expect(shopper.ProductLink($"Lumen {_run}")).ToContainTextAsync("$42.50");
        await Expect(shopper.GetByRole(AriaRole.Link, new() { Name = "Add a product" })).ToHaveCountAsync(0);
    }
}
