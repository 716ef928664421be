using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.Browser.Tests;

/// <summary>What a shopper does on the storefront's pages, by the names a person reads (labels, link and button text).</summary>
public static class ShopPages
{
    /// <summary>Waits until the catalogue shows its products (or says it has none): the app has started.</summary>
    public static async Task OpenCatalogueAsync(this IPage page, string? category = null)
    {
        await page.GotoAsync(category is null ? "/" : $"/?category={Uri.EscapeDataString(category)}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Catalogue");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0); // "Loading the catalogue…" has gone
    }

    public static async Task FilterByCategoryAsync(this IPage page, string category)
    {
        await page.GetByLabel("Category").FillAsync(category);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Catalogue: {category}");
    }

    public static ILocator ProductLink(this IPage page, string name) =>
        page.GetByRole(AriaRole.List, new() { Name = "Products" }).GetByRole(AriaRole.Link).Filter(new() { HasText = name });

    /// <summary>On LocalCloud's sign-in page (the stand-in for Cognito's): signs in, and waits to be back in the shop.</summary>
    public static async Task SignInAsync(this IPage page, string username, bool admin = false)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.StartsWith(ShopStack.EdgeUrl.ToString(), page.Url, StringComparison.Ordinal);
        await page.GetByLabel("User name").FillAsync(username);
        if (admin)
        {
            await page.GetByLabel("admin").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ExpectSignedInAsync(username);
    }

    public static Task ExpectSignedInAsync(this IPage page, string username) =>
        Expect(page.Locator(".account")).ToContainTextAsync($"Signed in as {username}");

    /// <summary>From a product's page: adds it with one click, signing in first when the shop asks; the add carries on after.</summary>
    public static async Task AddToBasketAsync(this IPage page, string? signInAs = null)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to basket" }).ClickAsync();
        if (signInAs is not null)
        {
            await page.SignInAsync(signInAs); // back on the product's page, where the add is made
        }

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to your basket.");
    }

    public static Task NavigateByMenuAsync(this IPage page, string link) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Shop" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();

    /// <summary>Stripe's test Visa that pays; the payment element gives it to LocalCloud's provider, never to the shop.</summary>
    public const string TestCard = "4242424242424242";

    public static async Task FillCheckoutAsync(this IPage page, string card = TestCard)
    {
        await page.GetByLabel("First name").FillAsync("Ada");
        await page.GetByLabel("Last name").FillAsync("Lovelace");
        await page.GetByLabel("Email").FillAsync("ada@example.com");
        await page.GetByLabel("Address").FillAsync("12 St James's Square, London");
        await page.GetByLabel("Card number").FillAsync(card);
        await page.GetByLabel("Expiry date (MM/YY)").FillAsync("12/30");
        await page.GetByLabel("Security code").FillAsync("123");
    }

    /// <summary>On the orders page: refreshes until an order is shown, as the order is stored a moment after checkout.</summary>
    public static async Task<ILocator> WaitForOrderAsync(this IPage page, bool byKeyboard = false)
    {
        var orders = page.Locator("article.order");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await orders.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No order appeared on the orders page within 30 s of checkout.");
            var refresh = page.GetByRole(AriaRole.Button, new() { Name = "Refresh" });
            await Expect(refresh).ToBeEnabledAsync();
            await (byKeyboard ? page.PressAsync("Refresh") : refresh.ClickAsync());
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refresh" })).ToBeVisibleAsync();
        }

        return orders;
    }

    public static Regex Path(string path) => new($"^{Regex.Escape(ShopStack.ShopUrl.ToString().TrimEnd('/'))}{Regex.Escape(path)}$");
}
