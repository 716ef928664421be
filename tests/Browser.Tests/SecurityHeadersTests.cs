using Microsoft.Playwright;

namespace Ecommerce.Browser.Tests;

/// <summary>The shop's Content-Security-Policy holds in the browser, and a refusal fails the browser tests.</summary>
[Collection(ShopCollection.Name)]
public sealed class SecurityHeadersTests(ShopStack shop)
{
    [BrowserFact]
    public async Task An_injected_inline_script_is_refused_by_the_policy_and_the_refusal_stops_the_test()
    {
        var page = await shop.NewVisitorAsync();
        await page.OpenCatalogueAsync();
        var closed = new TaskCompletionSource();
        page.Close += (_, _) => closed.TrySetResult();

        // What an injected script would do: the policy allows no inline script, so Chromium refuses it.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.head.appendChild(s); }");

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var refusal = Assert.Single(shop.TakeViolationsOf(page));
        Assert.Contains("script-src", refusal, StringComparison.Ordinal);
    }
}
