using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

// A shopper's first visit to the catalogue, N times, each in a new browser context (empty cache, no cookies):
// the bytes it transfers (as served: compressed, headers included) and the time from navigation until the first
// product link is on the page, which is when Blazor has rendered it and will route its click.
//   dotnet run --project bench/storefront -c Release -- <shop url> <edge url> [runs]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: StorefrontBudget <shop url> <edge url> [runs, 1-50, default 9]");
    return 2;
}

var shop = new Uri(args[0]);
var edge = new Uri(args[1]);
var runs = args.Length > 2 ? Math.Clamp(int.Parse(args[2], CultureInfo.InvariantCulture), 1, 50) : 9;
if (!shop.IsLoopback || !edge.IsLoopback)
{
    Console.Error.WriteLine("The budget is measured on loopback only: give localhost URLs.");
    return 2;
}

await SeedCatalogueAsync(shop, edge);

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });

await VisitAsync(browser, shop); // warms the gateway and the product service, not the browser's cache: not counted
var visits = new List<Visit>();
for (var run = 1; run <= runs; run++)
{
    var visit = await VisitAsync(browser, shop);
    visits.Add(visit);
    Console.WriteLine(FormattableString.Invariant($"run {run}: {visit.Bytes / 1e6:0.000} MB in {visit.Requests} requests, interactive at {visit.Interactive.TotalMilliseconds:0} ms, encoding {visit.Encoding}"));
}

var bytes = Median(visits.Select(visit => (double)visit.Bytes));
var interactive = Median(visits.Select(visit => visit.Interactive.TotalMilliseconds));
Console.WriteLine(FormattableString.Invariant($"""

    | measure ({runs} first visits, medians) | median | min | max | target | met |
    | --- | --- | --- | --- | --- | --- |
    | transferred | {bytes / 1e6:0.00} MB | {visits.Min(v => v.Bytes) / 1e6:0.00} MB | {visits.Max(v => v.Bytes) / 1e6:0.00} MB | ≤ 3 MB | {(bytes <= 3e6 ? "yes" : "**no**")} |
    | catalogue interactive | {interactive:0} ms | {visits.Min(v => v.Interactive.TotalMilliseconds):0} ms | {visits.Max(v => v.Interactive.TotalMilliseconds):0} ms | ≤ 2000 ms | {(interactive <= 2000 ? "yes" : "**no**")} |
    """));
return 0;

static async Task<Visit> VisitAsync(IBrowser browser, Uri shop)
{
    await using var context = await browser.NewContextAsync();
    var page = await context.NewPageAsync();
    // Every response's bytes on the wire, as Chromium's network panel counts them.
    var cdp = await context.NewCDPSessionAsync(page);
    long bytes = 0;
    var requests = 0;
    cdp.Event("Network.loadingFinished").OnEvent += (_, finished) =>
    {
        Interlocked.Add(ref bytes, (long)finished!.Value.GetProperty("encodedDataLength").GetDouble());
        Interlocked.Increment(ref requests);
    };
    await cdp.SendAsync("Network.enable");
    string? encoding = null;
    page.Response += (_, response) =>
    {
        if (response.Url.Contains("dotnet.native", StringComparison.Ordinal) && response.Url.EndsWith(".wasm", StringComparison.Ordinal))
        {
            response.Headers.TryGetValue("content-encoding", out encoding);
        }
    };
    // The moment, in the page's own clock from navigation start, that the first product link is rendered.
    await page.AddInitScriptAsync("""
        new MutationObserver((_, observer) => {
            if (document.querySelector('ul.products a[href]')) { window.__interactive = performance.now(); observer.disconnect(); }
        }).observe(document, { childList: true, subtree: true });
        """);

    await page.GotoAsync(shop.ToString());
    // Bounded: a catalogue that never shows a product link ends the run with what the page shows instead.
    try
    {
        await page.WaitForFunctionAsync("() => window.__interactive !== undefined", null, new() { Timeout = 120_000 });
    }
    catch (TimeoutException)
    {
        throw new InvalidOperationException($"No product link within 120 s; the page shows: {await page.InnerTextAsync("body")}");
    }

    var interactive = await page.EvaluateAsync<double>("() => window.__interactive");
    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    return new Visit(Interlocked.Read(ref bytes), requests, TimeSpan.FromMilliseconds(interactive), encoding ?? "none");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

// A catalogue page's worth of products, added by an admin through the shop's own API.
static async Task SeedCatalogueAsync(Uri shop, Uri edge)
{
    using var http = new HttpClient { BaseAddress = shop };
    using var tokenResponse = await http.PostAsJsonAsync(new Uri(edge, "/_localcloud/auth/token"), new { username = "bench-admin", admin = true });
    tokenResponse.EnsureSuccessStatusCode();
    using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
    for (var i = 1; i <= 12; i++)
    {
        using var response = await http.PostAsJsonAsync("/product", new { name = $"Product {i}", category = i % 2 == 0 ? "Phones" : "Audio", price = 10m * i });
        response.EnsureSuccessStatusCode();
    }
}

internal sealed record Visit(long Bytes, int Requests, TimeSpan Interactive, string Encoding);
