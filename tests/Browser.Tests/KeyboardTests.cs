using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.Browser.Tests;

[Collection(ShopCollection.Name)]
public sealed class KeyboardTests(ShopStack shop)
{
    [BrowserFact]
    public async Task A_shopper_with_only_a_keyboard_goes_from_the_catalogue_to_the_order_and_cancels_it()
    {
        var garden = "Garden";
        await shop.AddProductAsync("Trowel", garden, 12.00m);
        var page = await shop.NewVisitorAsync();
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await page.OpenCatalogueAsync();

        await page.TypeIntoAsync("Category", garden);
        await page.Keyboard.PressAsync("Enter");
        await Expect(heading).ToHaveTextAsync($"Catalogue: {garden}");
        await page.PressAsync("Trowel");
        await Expect(heading).ToHaveTextAsync("Trowel");
        await page.PressAsync("Add to basket");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync("kim"); // the user name field has the focus
        await page.PressAsync("Sign in");
        await page.ExpectSignedInAsync("kim");
        await Expect(heading).ToHaveTextAsync("Trowel"); // back on the product, where the one press carries on
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to your basket.");
        await page.PressAsync("Go to your basket");

        await Expect(heading).ToHaveTextAsync("Your basket");
        await page.TypeIntoAsync("Quantity of Trowel", "2");
        await page.Keyboard.PressAsync("Tab"); // leaving the field saves the quantity
        await Expect(page.Locator(".total")).ToHaveTextAsync("$24.00");
        await page.PressAsync("Check out");

        await Expect(heading).ToHaveTextAsync("Checkout");
        await page.TypeIntoAsync("First name", "Kim");
        await page.TypeIntoAsync("Last name", "Lee");
        await page.TypeIntoAsync("Email", "kim@example.com");
        await page.TypeIntoAsync("Address", "1 Market Street, Leeds");
        await page.TypeIntoAsync("Card number", ShopPages.TestCard);
        await page.TypeIntoAsync("Expiry date (MM/YY)", "12/30");
        await page.TypeIntoAsync("Security code", "123");
        await page.PressAsync("Place order");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your order of $24.00 is placed.");

        await page.PressAsync("See your orders");
        var order = await page.WaitForOrderAsync(byKeyboard: true);
        await Expect(order).ToContainTextAsync("2 × Trowel, $12.00 each");
        await Expect(order).ToContainTextAsync("$24.00");

        // And cancels it, still by keyboard: the order's own page, Cancel order, then the confirmation.
        await Expect(order.Locator(".order-state .status")).ToHaveTextAsync("Confirmed");
        await page.TabToAsync(await order.Locator("h2 a").InnerTextAsync());
        await page.Keyboard.PressAsync("Enter");
        await Expect(heading).ToHaveTextAsync("Your order");
        await page.PressAsync("Cancel order");
        await page.Keyboard.PressAsync("Enter"); // the focus is on "Yes, cancel the order"
        await Expect(page.Locator(".order-state .status")).ToHaveTextAsync("Cancelled");
        await Expect(page.Locator(".order-state .explained")).ToHaveTextAsync("Cancelled at your request. Nothing was charged.");
    }
}
