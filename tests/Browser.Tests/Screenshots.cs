using Microsoft.Playwright;

namespace Ecommerce.Browser.Tests;

/// <summary>
/// With <c>STOREFRONT_SCREENSHOTS=1</c>, the tests save each page they reach as docs/storefront/{name}.png, the images
/// the docs show; otherwise nothing is written, so a test run leaves the work tree as it was.
/// </summary>
public static class Screenshots
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("STOREFRONT_SCREENSHOTS") == "1";

    public static async Task SaveAsync(this IPage page, string name)
    {
        if (!Enabled)
        {
            return;
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(Folder.Value, $"{name}.png"), FullPage = true });
    }

    private static readonly Lazy<string> Folder = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Ecommerce.sln")))
        {
            directory = directory.Parent;
        }

        var folder = System.IO.Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Ecommerce.sln not found above the test assembly."), "docs", "storefront");
        Directory.CreateDirectory(folder);
        return folder;
    });
}
