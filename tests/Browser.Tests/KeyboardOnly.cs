using Microsoft.Playwright;

namespace Ecommerce.Browser.Tests;

/// <summary>A person without a mouse: moves with Tab, acts with Enter, types into the focused field.</summary>
public static class KeyboardOnly
{
    private const int MaxTabs = 100;

    // What a person hears for the focused element: its aria-label, its label's text, or its own text.
    private const string FocusedName = """
        () => {
            const focused = document.activeElement;
            if (!focused || focused === document.body) return "";
            return (focused.getAttribute("aria-label") ?? focused.labels?.[0]?.textContent ?? focused.textContent ?? "").trim();
        }
        """;

    /// <summary>Presses Tab until the element whose name starts with <paramref name="name"/> has the focus.</summary>
    public static async Task TabToAsync(this IPage page, string name)
    {
        var seen = new List<string>();
        for (var tabs = 0; tabs < MaxTabs; tabs++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>(FocusedName);
            if (focused.StartsWith(name, StringComparison.Ordinal))
            {
                return;
            }

            seen.Add(focused);
        }

        Assert.Fail($"Tab never reached '{name}' on {page.Url}; it went through: {string.Join(" | ", seen.Distinct())}");
    }

    public static async Task PressAsync(this IPage page, string name, string key = "Enter")
    {
        await page.TabToAsync(name);
        await page.Keyboard.PressAsync(key);
    }

    /// <summary>Tabs to a field, replaces what it holds with <paramref name="text"/>, typed key by key.</summary>
    public static async Task TypeIntoAsync(this IPage page, string label, string text)
    {
        await page.TabToAsync(label);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }
}
