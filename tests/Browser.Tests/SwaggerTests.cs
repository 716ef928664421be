using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.Browser.Tests;

/// <summary>A developer explores an API in its Swagger UI, through the gateway as the README says: signs in with Authorize and calls a route that needs a user.</summary>
[Collection(ShopCollection.Name)]
public sealed class SwaggerTests(ShopStack shop)
{
    [BrowserFact]
    public async Task Swagger_UIs_Authorize_signs_in_through_the_user_pool_and_then_reads_the_signed_in_users_basket()
    {
        var lamp = await shop.AddProductAsync("Swagger Lamp", "Swagger", 42.00m);
        await shop.SaveBasketAsync("linus", lamp);
        var page = await shop.NewVisitorAsync();
        // Swagger UI fills the Authorize dialog from the issuer's discovery document, fetched after the page loads;
        // a dialog opened before it arrives stays empty, so wait for it as a person waits for the page to settle.
        await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync("/basket/swagger/index.html"),
            response => response.Url.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal) && response.Ok);

        await page.Locator(".auth-wrapper").GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
        var dialog = page.Locator(".modal-ux");
        var signIn = await page.RunAndWaitForPopupAsync(() => dialog.GetByRole(AriaRole.Button, new() { Name = "Apply given OAuth2 credentials" }).First.ClickAsync());
        await Expect(signIn.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var closed = new TaskCompletionSource();
        signIn.Close += (_, _) => closed.TrySetResult();
        await signIn.GetByLabel("User name").FillAsync("linus");
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30)); // Swagger UI's redirect page hands the code back and closes itself
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Remove authorization" }).First).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).First.ClickAsync();

        var getBasket = page.Locator(".opblock-get").Filter(new() { Has = page.Locator("[data-path='/basket/{userName}']") });
        await Expect(page.Locator(".servers select")).ToHaveValueAsync(ShopStack.ShopUrl.ToString()); // calls go through the gateway
        await getBasket.Locator(".opblock-summary").First.ClickAsync();
        await getBasket.GetByRole(AriaRole.Button, new() { Name = "Try it out" }).ClickAsync();
        await getBasket.Locator("input[placeholder='userName']").FillAsync("linus");
        await getBasket.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        var response = getBasket.Locator(".live-responses-table .response");
        await Expect(response.Locator(".response-col_status")).ToHaveTextAsync("200");
        await Expect(response.Locator(".response-col_description")).ToContainTextAsync("Swagger Lamp");
        await Expect(response.Locator(".response-col_description")).ToContainTextAsync("\"userName\": \"linus\"");
    }
}
