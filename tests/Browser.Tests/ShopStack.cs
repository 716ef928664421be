using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Ecommerce.TestSupport;
using Microsoft.Playwright;

namespace Ecommerce.Browser.Tests;

/// <summary>
/// The whole local system as <c>dotnet run --project local/AppHost</c> starts it (DynamoDB Local, LocalCloud, the five
/// services, the gateway on http://localhost:8000, the sample catalogue's seeder), started once for every browser test by Aspire's testing builder,
/// and one headless Chromium. Each shopper gets a browser context of their own: own cookies, own session storage.
/// </summary>
public sealed class ShopStack : IAsyncLifetime
{
    /// <summary>The shop's one origin, the app host's fixed port, as the README gives it.</summary>
    public static readonly Uri ShopUrl = new("http://localhost:8000/");

    /// <summary>LocalCloud's edge, where the user pool issues tokens.</summary>
    public static readonly Uri EdgeUrl = new("http://localhost:4566/");

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private DistributedApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>What the shop's Content-Security-Policy refused in any page, as Chromium reported it.</summary>
    private readonly ConcurrentQueue<(IPage Page, string Refusal)> _violations = new();

    public HttpClient Api { get; } = new() { BaseAddress = ShopUrl };

    /// <summary>How the app host's seeder of the sample catalogue ended.</summary>
    public int? SeederExitCode { get; private set; }

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return; // every test skips, saying why
        }

        RequireFreePorts();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [], (options, _) => options.DisableDashboard = true, timeout.Token);
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        foreach (var service in new[] { "product", "basket", "ordering", "inventory", "payment" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
        }

        await _app.ResourceNotifications.WaitForResourceAsync("shop", KnownResourceStates.Running, timeout.Token);
        await WaitUntilServedAsync();
        // The sample catalogue goes in before any test's products, as on a newcomer's first start.
        var seeded = await _app.ResourceNotifications.WaitForResourceAsync("seed", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        SeederExitCode = seeded.Snapshot.ExitCode;

        // The first visit loads the .NET runtime into the page: on two busy cores that can take more than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A new visitor: a page in a browser context of its own, nobody signed in.</summary>
    public async Task<IPage> NewVisitorAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ShopUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        FailOnContentSecurityPolicyViolations(page);
        return page;
    }

    // Chromium reports every refusal on the console ("Refused to ... because it violates the following Content Security
    // Policy directive: ..."). The page is closed with that sentence, so the test's next step fails with it; one that
    // comes after a test's last step fails the run when the stack is disposed.
    private void FailOnContentSecurityPolicyViolations(IPage page) =>
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _violations.Enqueue((page, $"{page.Url}: {message.Text}"));
                _ = page.CloseAsync(new PageCloseOptions { Reason = "Content-Security-Policy violation: " + message.Text });
            }
        };

    /// <summary>Takes the refusals a page met out of those that fail the run: for the test that the watch itself works.</summary>
    public IReadOnlyList<string> TakeViolationsOf(IPage page)
    {
        var (taken, kept) = (new List<string>(), new List<(IPage, string)>());
        while (_violations.TryDequeue(out var violation))
        {
            if (violation.Page == page)
            {
                taken.Add(violation.Refusal);
            }
            else
            {
                kept.Add(violation);
            }
        }

        kept.ForEach(_violations.Enqueue);
        return taken;
    }

    /// <summary>
    /// Adds a product through the API as an admin, as a script would, and returns its id once Basket can price it:
    /// Basket learns of products from the catalogue's change events, a moment after they are stored.
    /// </summary>
    public async Task<string> AddProductAsync(string name, string category, decimal price, int stock = 100)
    {
        var (status, product) = await PostAsync("catalogue-admin", admin: true, "/product", new { name, category, price, description = $"{name}, for the browser tests." });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = product!["id"]!.GetValue<string>();
        await Eventually.HoldsAsync(
            async () => (await PostAsync("stock-check", admin: false, "/basket", BasketOf("stock-check", id))).Status,
            saved => saved == HttpStatusCode.OK, TimeSpan.FromSeconds(30), $"Basket prices the new product {name}");
        await SetStockAsync(id, stock);
        return id;
    }

    /// <summary>Sets a product's units on hand as an admin, once Inventory has learnt of the product (a moment after it is stored).</summary>
    public async Task SetStockAsync(string productId, int onHand) =>
        await Eventually.HoldsAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/inventory/{productId}") { Content = JsonContent.Create(new { onHand }) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("stock-admin", admin: true));
                using var response = await Api.SendAsync(request);
                return response.StatusCode;
            },
            set => set == HttpStatusCode.OK, TimeSpan.FromSeconds(30), $"Inventory holds {onHand} of {productId}");

    /// <summary>Puts one of each product in the user's basket through the API.</summary>
    public Task SaveBasketAsync(string userName, params string[] productIds) =>
        PostExpectingAsync(HttpStatusCode.OK, userName, "/basket", BasketOf(userName, productIds));

    /// <summary>Checks the user's basket out through the API, as the storefront's checkout page does.</summary>
    public Task CheckOutAsync(string userName) =>
        PostExpectingAsync(HttpStatusCode.Accepted, userName, "/basket/checkout", ShopRequests.Checkout(userName));

    private static object BasketOf(string userName, params string[] productIds) =>
        new { userName, items = productIds.Select(productId => new { productId, quantity = 1 }) };

    private async Task PostExpectingAsync(HttpStatusCode expected, string userName, string path, object body)
    {
        var (status, answer) = await PostAsync(userName, admin: false, path, body);
        Assert.True(status == expected, $"POST {path}: {(int)status} {answer?.ToJsonString()}");
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(string userName, bool admin, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userName, admin));
        using var response = await Api.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonObject>());
    }

    /// <summary>An access token from LocalCloud's user pool, the same a browser gets by signing in.</summary>
    public async Task<string> TokenAsync(string username, bool admin = false)
    {
        using var response = await Api.PostAsJsonAsync(new Uri(EdgeUrl, "/_localcloud/auth/token"), new { username, admin });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonObject>();
        return token!["access_token"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Assert.True(_violations.IsEmpty, "The shop's Content-Security-Policy refused: " + string.Join(Environment.NewLine, _violations.Select(v => v.Refusal)));
    }

    // A running app host holds the same fixed ports: say so at once rather than time out.
    private static void RequireFreePorts()
    {
        foreach (var port in new[] { ShopUrl.Port, EdgeUrl.Port })
        {
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"Port {port} is taken, most likely by a running app host: stop it before the browser tests.");
            }
        }
    }

    // The gateway is Running before Kestrel listens: wait for the storefront's settings to be served.
    private async Task WaitUntilServedAsync() =>
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    using var response = await Api.GetAsync(new Uri("/config.json", UriKind.Relative));
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            },
            served => served, TimeSpan.FromMinutes(1), "the gateway serves /config.json");
}

[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<ShopStack>
{
    /// <summary>
    /// One stack for every browser test: the app host's ports are fixed, so there can be only one. Its database starts
    /// empty each run, so the tests keep apart by using categories and user names of their own.
    /// </summary>
    public const string Name = "the shop";
}
