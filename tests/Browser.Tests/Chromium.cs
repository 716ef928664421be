namespace Ecommerce.Browser.Tests;

/// <summary>
/// Debian's Chromium (<c>apt-get install chromium</c>; build/test.sh installs it as root), driven by Playwright through
/// its executable path: Playwright's own browser downloads are not used.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public const string MissingReason = $"Chromium is not installed at {ExecutablePath}: run `apt-get install -y chromium` (build/test.sh does as root).";
}

/// <summary>A test that drives the storefront in Chromium: skipped, saying why, where Chromium is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled)
        {
            Skip = Chromium.MissingReason;
        }
    }
}
