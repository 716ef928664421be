using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Shared.Resources;
using Xunit.Abstractions;

using Ecommerce.TestSupport;

namespace Ecommerce.Reliability.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "load";
}

/// <summary>
/// Concurrent clients against all three services in memory, for a bounded time, checkouts included:
/// no 5xx, every accepted checkout exactly one order, and nothing stored that the clients did not
/// write. Short in CI; <c>LOAD_TEST_SECONDS</c> and <c>LOAD_TEST_CLIENTS</c> make it longer or wider.
/// It runs alone, after the other classes, so their work does not slow it.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class LoadTests(ShopFixture fixture, ITestOutputHelper output) : IClassFixture<ShopFixture>
{
    private static readonly int Seconds = Setting("LOAD_TEST_SECONDS", 8);
    private static readonly int Clients = Setting("LOAD_TEST_CLIENTS", 32);

    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentBag<string> _checkouts = new();
    private readonly ConcurrentDictionary<string, string> _products = new();
    private readonly ConcurrentBag<string> _unexpected = new();
    private long _requests;

    /// <summary>What every basket holds: a product the load's own creates and deletes never touch.</summary>
    private const string LoadProduct = "load-product";

    private Shop Shop => fixture.Shop;

    [Fact]
    public async Task Concurrent_clients_on_every_service_get_no_5xx_and_every_accepted_checkout_becomes_exactly_one_order()
    {
        var run = "load" + Guid.NewGuid().ToString("N")[..6];
        await Shop.CatalogueAsync((LoadProduct, 11m));
        var stopwatch = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(Seconds));

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(() => ClientAsync($"{run}-{client}", deadline.Token))));
        var elapsed = stopwatch.Elapsed;

        var orders = await Eventually.HoldsAsync(
            async () => (await Shop.ScanAsync(ResourceDefinitions.OrderTable)).Select(o => o["orderId"].S).ToList(),
            found => found.Count >= _checkouts.Count,
            TimeSpan.FromSeconds(60),
            $"{_checkouts.Count} orders");
        await Shop.WaitForOrderQueueDrainedAsync();
        orders = (await Shop.ScanAsync(ResourceDefinitions.OrderTable)).Select(o => o["orderId"].S).ToList();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Clients} clients, {elapsed.TotalSeconds:F1} s: {_requests} requests ({_requests / elapsed.TotalSeconds:F0}/s); " +
            $"status counts {string.Join(", ", _statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}"))}; " +
            $"{_checkouts.Count} checkouts accepted, {orders.Count} orders"));
        Assert.Empty(_unexpected);
        Assert.DoesNotContain(_statuses.Keys, status => status.StartsWith('5'));
        Assert.True(_checkouts.Count >= Clients, $"only {_checkouts.Count} checkouts in {Seconds} s");
        Assert.Equal(_checkouts.Order(StringComparer.Ordinal), orders.Order(StringComparer.Ordinal));
        Assert.Empty(await Shop.ScanAsync(ResourceDefinitions.BasketTable));
        // A deleted product stays as a tombstone (deleted, kept for republishing) and is no product any more.
        var stored = (await Shop.ScanAsync(ResourceDefinitions.ProductTable))
            .Where(p => !(p.TryGetValue("deleted", out var deleted) && deleted.BOOL == true))
            .ToDictionary(p => p["id"].S, p => p["name"].S);
        Assert.Equal(_products.OrderBy(p => p.Key, StringComparer.Ordinal), stored.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>One client's loop: a product's life, a basket's life and its checkout, and reads in between.</summary>
    private async Task ClientAsync(string client, CancellationToken deadline)
    {
        for (var round = 0; !deadline.IsCancellationRequested; round++)
        {
            var name = $"{client}-p{round}";
            using var created = await SendAsync(Shop.Products, Json(HttpMethod.Post, "/product", new { name, price = 10.5m, category = client }), HttpStatusCode.Created);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("id").GetString()!;
            _products[id] = name;

            using var read = await SendAsync(Shop.Products, new HttpRequestMessage(HttpMethod.Get, $"/product/{id}"), HttpStatusCode.OK);
            var renamed = name + "-v2";
            var replace = Json(HttpMethod.Put, $"/product/{id}", new { name = renamed, price = 11m, category = client });
            replace.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(read.Headers.ETag!.ToString()));
            using (await SendAsync(Shop.Products, replace, HttpStatusCode.OK))
            {
                _products[id] = renamed;
            }

            using (await SendAsync(Shop.Products, new HttpRequestMessage(HttpMethod.Get, $"/product?category={client}&limit=10"), HttpStatusCode.OK))
            {
            }

            if (round % 2 == 1)
            {
                using (await SendAsync(Shop.Products, new HttpRequestMessage(HttpMethod.Delete, $"/product/{id}"), HttpStatusCode.NoContent))
                {
                    _products.TryRemove(id, out _);
                }
            }

            var user = $"{client}-u{round}";
            using (await SendAsync(Shop.Baskets, Json(HttpMethod.Post, "/basket", new { userName = user, items = new[] { new { productId = LoadProduct, quantity = 2 } } }), HttpStatusCode.OK))
            {
            }

            using (await SendAsync(Shop.Baskets, new HttpRequestMessage(HttpMethod.Get, $"/basket/{user}"), HttpStatusCode.OK))
            {
            }

            using (var accepted = await SendAsync(Shop.Baskets, Shop.CheckoutRequest(user, round % 3 == 0 ? user : null), HttpStatusCode.Accepted))
            {
                _checkouts.Add((await accepted.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("checkoutId").GetString()!);
            }

            using (await SendAsync(Shop.Orders, new HttpRequestMessage(HttpMethod.Get, $"/order/{user}"), HttpStatusCode.OK))
            {
            }
        }
    }

    /// <summary>Sends, counts the status, and notes an answer other than the one expected. Never cancelled midway: a started round finishes.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected)
    {
        var response = await client.SendAsync(request, CancellationToken.None);
        Interlocked.Increment(ref _requests);
        _statuses.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        if (response.StatusCode != expected)
        {
            _unexpected.Add($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            throw new InvalidOperationException(_unexpected.Last());
        }

        return response;
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
