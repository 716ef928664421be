using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ecommerce.Bench;

/// <summary>
/// bench/run.sh --saga: the whole order life under chaos. The five services (JIT Release builds) with every consumer
/// polling; shoppers check out over a catalogue where some products have less stock than demand, with good and
/// declining cards, cancelling at random moments; admins ship Confirmed orders at random; meanwhile LocalCloud fails
/// DynamoDB writes, PutEvents and the provider (5xx and answers held past Payment's timeout) and service processes are
/// killed and started again. Then the faults stop, the shop settles and the reconciler (tools/Reconciler) reads it:
/// every run must end with 0 broken invariants and every accepted checkout an order.
/// </summary>
internal sealed class Saga(Stack stack, string reconcilerDll)
{
    private const int Shoppers = 50;
    private const int Checkouts = 1000;
    private const int Admins = 3;
    private const int MinimumKills = 4;
    private const string GoodCard = "4242424242424242";
    private const string DecliningCard = "4000000000000002";
    private const string StripeSecretKey = "sk_test_saga";
    private static readonly TimeSpan LoadBound = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SettleBound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(90);

    // Started in this order: each service makes its own queues and rules, so every consumer exists before Product publishes.
    private static readonly string[] ServiceNames = ["inventory", "basket", "ordering", "payment", "product"];

    // Killed in turn: the first of them at least twice.
    private static readonly string[] KillOrder = ["ordering", "payment", "inventory"];

    private readonly Dictionary<string, Service> _services = [];
    private readonly Dictionary<string, int> _ports = ServiceNames.ToDictionary(name => name, _ => FreePort.Next());
    private readonly ConcurrentDictionary<string, int> _retries = new();
    private readonly ConcurrentDictionary<string, int> _faults = new();
    private readonly ConcurrentBag<(string User, string OrderId)> _accepted = [];
    private readonly List<string> _kills = [];
    private int _checkouts;
    private int _cancels;
    private int _ships;

    /// <summary>Runs it and prints the report; 0 when the reconciler found nothing broken and no checkout was lost.</summary>
    public static async Task<int> RunAsync(Stack stack, string reconcilerDll) => await new Saga(stack, reconcilerDll).RunAsync();

    private async Task<int> RunAsync()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var clock = Stopwatch.StartNew();
        using var admin = Shop.NewAdminClient(stack, 16);
        foreach (var name in ServiceNames)
        {
            await StartAsync(name, admin);
        }

        var catalogue = await SeedCatalogueAsync(admin);
        Console.WriteLine($"saga: {ServiceNames.Length} services up, {catalogue.Count} products; {Shoppers} shoppers start ({clock.Elapsed.TotalSeconds:F0} s)");

        using var load = new CancellationTokenSource(LoadBound);
        var shoppers = Enumerable.Range(0, Shoppers).Select(i => ShopAsync($"saga-{i}", catalogue, load.Token)).ToList();
        var background = new[] { InjectFaultsAsync(load.Token), KillAsync(load.Token) }
            .Concat(Enumerable.Range(0, Admins).Select(_ => ShipAsync(admin, load.Token))).ToList();
        await Task.WhenAll(shoppers);
        var loadTime = clock.Elapsed;
        await load.CancelAsync();
        await Task.WhenAll(background);
        while (_kills.Count < MinimumKills)
        {
            await KillOnceAsync(admin);
        }

        await ClearFaultsAsync();
        Console.WriteLine($"saga: {_accepted.Count} checkouts accepted in {loadTime.TotalSeconds:F0} s; faults cleared, settling");
        var settled = await SettleAsync(admin);
        var orders = await ListOrdersAsync(admin);
        var lost = _accepted.Count(a => !orders.Any(o => o.OrderId == a.OrderId));
        var (exitCode, output) = await ReconcileAsync(since);
        Console.WriteLine(output);
        Report(orders, lost, settled, exitCode, clock.Elapsed);
        return exitCode == 0 && lost == 0 && settled ? 0 : 1;
    }

    private async Task StartAsync(string name, HttpClient admin)
    {
        var child = stack.Launch(name, Build.Jit, _ports[name], createResources: true, consumerMode: "Poll", Settings());
        var service = new Service(child, _ports[name]);
        _services[name] = service;
        await child.WaitForPortAsync(_ports[name], TimeSpan.FromSeconds(60), 20);
        await Shop.WaitReadyAsync(admin, service);
    }

    /// <summary>Every consumer of every service polling (as docker-compose.yml runs them), orders expiring after two minutes, a 3 s provider timeout.</summary>
    private Dictionary<string, string> Settings() => new()
    {
        ["Ordering__Saga__Mode"] = "Poll",
        ["Ordering__Expiry__Mode"] = "Poll",
        ["Ordering__Publisher__Mode"] = "Poll",
        ["Ordering__Expiry__AfterSeconds"] = "120",
        ["Inventory__Products__Mode"] = "Poll",
        ["Inventory__Orders__Mode"] = "Poll",
        ["Payment__Orders__Mode"] = "Poll",
        ["Payment__Stripe__ApiBase"] = $"{stack.EdgeUrl}/stripe",
        ["Payment__Stripe__LocalSecretKey"] = StripeSecretKey,
        ["Payment__Stripe__TimeoutSeconds"] = "3",
    };

    private Uri Url(string service, string path) => new($"http://127.0.0.1:{_ports[service]}{path}");

    /// <summary>Twelve products; every other one with fewer units than the shoppers will ask for.</summary>
    private async Task<List<string>> SeedCatalogueAsync(HttpClient admin)
    {
        var products = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var created = await SendAsync(admin, () => Post(Url("product", "/product"), new { name = $"Saga {i}", description = "Chaos", price = 5m + i, category = "Kitchen" }), "create product");
            products.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        foreach (var (productId, i) in products.Select((p, i) => (p, i)))
        {
            // Inventory answers 404 until it has learned the product from its ProductChanged event.
            await SendAsync(admin, () => new HttpRequestMessage(HttpMethod.Put, Url("inventory", $"/inventory/{productId}")) { Content = JsonContent.Create(new { onHand = i % 2 == 0 ? 40 : 2000 }) }, "set stock", HttpStatusCode.NotFound);
        }

        return products;
    }

    /// <summary>One shopper: baskets, checkouts with a good or a declining card, and now and then a cancel at a random moment.</summary>
    private async Task ShopAsync(string user, List<string> catalogue, CancellationToken cancellationToken)
    {
        using var http = Shop.NewHttpClient(2, await Tokens.ShopperAsync(stack.EdgeUrl, user));
        http.Timeout = TimeSpan.FromSeconds(10);
        while (!cancellationToken.IsCancellationRequested && Interlocked.Increment(ref _checkouts) <= Checkouts)
        {
            var items = catalogue.OrderBy(_ => Random.Shared.Next()).Take(Random.Shared.Next(1, 3))
                .Select(productId => new { productId, quantity = Random.Shared.Next(1, 3) }).ToList();
            var paymentMethodId = await CreatePaymentMethodAsync(Random.Shared.NextDouble() < 0.2 ? DecliningCard : GoodCard);
            // Basket answers 400 for a product its view does not know yet.
            (await SendAsync(http, () => Post(Url("basket", "/basket"), new { userName = user, items }), "save basket", HttpStatusCode.BadRequest)).Dispose();
            var key = Guid.NewGuid().ToString("N");
            using var checkout = await SendAsync(
                http,
                () =>
                {
                    var request = Post(Url("basket", "/basket/checkout"), new { userName = user, firstName = "Ada", lastName = "Lovelace", email = "ada@example.com", address = "12 St James Square, London", paymentMethodId });
                    request.Headers.Add("Idempotency-Key", key);
                    return request;
                },
                "checkout",
                HttpStatusCode.Conflict);
            var orderId = (await checkout.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("checkoutId").GetString()!;
            _accepted.Add((user, orderId));
            if (Random.Shared.NextDouble() < 0.25)
            {
                await Task.Delay(Random.Shared.Next(0, 5000), CancellationToken.None);
                try
                {
                    // 404 until Ordering has the order; 409 once it is shipped.
                    (await SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, Url("ordering", $"/order/{user}/{orderId}/cancel")), "cancel", HttpStatusCode.NotFound)).Dispose();
                    Interlocked.Increment(ref _cancels);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The order is not there yet after RequestBound: the settling and the count of lost checkouts look again.
                    _retries.AddOrUpdate("cancel given up", 1, (_, n) => n + 1);
                }
            }
        }
    }

    /// <summary>An admin: ships a random Confirmed order now and then.</summary>
    private async Task ShipAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Random.Shared.Next(200, 1500), CancellationToken.None);
            using var page = await SendAsync(admin, () => new HttpRequestMessage(HttpMethod.Get, Url("ordering", "/order?status=Confirmed&limit=50")), "list Confirmed");
            var confirmed = (await page.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("items").EnumerateArray().ToList();
            if (confirmed.Count == 0)
            {
                continue;
            }

            var order = confirmed[Random.Shared.Next(confirmed.Count)];
            var path = $"/order/{order.GetProperty("userName").GetString()}/{order.GetProperty("orderId").GetString()}/ship";
            using var shipped = await SendAsync(admin, () => new HttpRequestMessage(HttpMethod.Post, Url("ordering", path)), "ship");
            if (shipped.StatusCode == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref _ships);
            }
        }
    }

    /// <summary>A fault about every second, of one of the kinds below at random.</summary>
    private async Task InjectFaultsAsync(CancellationToken cancellationToken)
    {
        string[] writes = ["PutItem", "UpdateItem", "TransactWriteItems", "DeleteItem"];
        string[] provider = ["CreatePaymentIntent", "CapturePaymentIntent", "CancelPaymentIntent"];
        while (!cancellationToken.IsCancellationRequested)
        {
            var which = Random.Shared.Next(5);
            // One held answer at a time: each holds a Payment consumer for its whole timeout.
            var count = which == 4 ? 1 : Random.Shared.Next(1, 4);
            var (kind, fault) = which switch
            {
                0 => ("DynamoDB write 500", (object)new { operation = Pick(writes), errorCode = "InternalServerError", statusCode = 500, count }),
                1 => ("DynamoDB write throttled", new { operation = Pick(writes), errorCode = "ProvisionedThroughputExceededException", statusCode = 400, count }),
                2 => ("PutEvents failed entries", new { operation = "PutEvents", errorCode = "InternalFailure", statusCode = 200, count, mode = "FailEntries" }),
                3 => ("provider 5xx", new { operation = Pick(provider), errorCode = "api_error", statusCode = Random.Shared.Next(2) == 0 ? 500 : 503, count }),
                // Past Payment's 3 s timeout: the call is done at the provider, Payment gives up and the event comes again.
                _ => ("provider answer held 4 s", new { operation = Pick(provider), errorCode = "", count, mode = "Delay", delayMilliseconds = 4000 }),
            };
            using var http = Shop.NewHttpClient(1);
            using var added = await http.PostAsJsonAsync($"{stack.EdgeUrl}/_localcloud/faults", fault, CancellationToken.None);
            added.EnsureSuccessStatusCode();
            _faults.AddOrUpdate(kind, count, (_, n) => n + count);
            await Task.Delay(Random.Shared.Next(500, 1500), CancellationToken.None);
        }
    }

    /// <summary>Kills a service process (SIGKILL, as a crash) every 20 s, in turn, and starts it again on the same port.</summary>
    private async Task KillAsync(CancellationToken cancellationToken)
    {
        using var admin = Shop.NewAdminClient(stack, 2);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(20), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await KillOnceAsync(admin);
        }
    }

    private async Task KillOnceAsync(HttpClient admin)
    {
        var name = KillOrder[_kills.Count % KillOrder.Length];
        await _services[name].DisposeAsync();
        _kills.Add(name);
        Console.WriteLine($"saga: killed {name} ({_kills.Count})");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await StartAsync(name, admin);
    }

    private async Task ClearFaultsAsync()
    {
        using var http = Shop.NewHttpClient(1);
        using var left = await http.GetAsync($"{stack.EdgeUrl}/_localcloud/faults");
        var pending = (await left.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Sum(f => f.GetProperty("count").GetInt32());
        _faults["(still pending when cleared)"] = pending;
        using var cleared = await http.DeleteAsync($"{stack.EdgeUrl}/_localcloud/faults");
        cleared.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Waits (bounded) until no order is Submitted or StockReserved and no shipped or cancelled order still holds an
    /// authorization, then a quiet 15 s more for the last stock events; true when it settled within the bound.
    /// </summary>
    private async Task<bool> SettleAsync(HttpClient admin)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(SettleBound.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var moving = (await ListOrdersAsync(admin)).Count(o =>
                o.Status is "Submitted" or "StockReserved" || (o.Status is "Shipped" or "Cancelled" && o.Payment == "Authorized"));
            if (moving == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(15));
                return true;
            }

            Console.WriteLine($"saga: {moving} orders still moving");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        return false;
    }

    private async Task<List<(string OrderId, string Status, string? Reason, string Payment)>> ListOrdersAsync(HttpClient admin)
    {
        var orders = new List<(string, string, string?, string)>();
        string? next = null;
        do
        {
            var path = "/order?limit=100" + (next is null ? "" : "&nextToken=" + Uri.EscapeDataString(next));
            using var page = await SendAsync(admin, () => new HttpRequestMessage(HttpMethod.Get, Url("ordering", path)), "list orders");
            var body = await page.Content.ReadFromJsonAsync<JsonElement>();
            orders.AddRange(body.GetProperty("items").EnumerateArray().Select(o => (
                o.GetProperty("orderId").GetString()!,
                o.GetProperty("status").GetString()!,
                o.TryGetProperty("cancelReason", out var reason) ? reason.GetString() : null,
                o.GetProperty("payment").GetProperty("status").GetString()!)));
            next = body.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
        }
        while (next is not null);
        return orders;
    }

    /// <summary>The reconciler's command line, as an operator runs it: read-only, against the edge's tables and provider.</summary>
    private async Task<(int ExitCode, string Output)> ReconcileAsync(DateTimeOffset since)
    {
        var child = Child.Start(
            "reconciler",
            "dotnet",
            [reconcilerDll, "--dynamodb-url", stack.EdgeUrl, "--stripe-url", $"{stack.EdgeUrl}/stripe", "--since", since.ToString("O"), "--grace-seconds", "0"],
            stack.Layout.Repository,
            new Dictionary<string, string> { ["Reconciler__Stripe__SecretKey"] = StripeSecretKey });
        await using (child)
        {
            await child.WaitForExitAsync(TimeSpan.FromMinutes(3));
            return (child.ExitCode, child.Tail);
        }
    }

    private void Report(List<(string OrderId, string Status, string? Reason, string Payment)> orders, int lost, bool settled, int reconciler, TimeSpan took)
    {
        static string Tally(IEnumerable<string> keys) => string.Join(", ", keys.GroupBy(k => k).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        Console.WriteLine($"""
            saga: report
            | | |
            |---|---|
            | checkouts accepted (by 50 shoppers) | {_accepted.Count}, of which never an order: {lost} |
            | orders by final status | {Tally(orders.Select(o => o.Status))} |
            | cancelled, by reason | {Tally(orders.Where(o => o.Reason is not null).Select(o => o.Reason!))} |
            | payments by status | {Tally(orders.Select(o => o.Payment))} |
            | shopper cancels sent / admin ships answered 200 | {_cancels} / {_ships} |
            | driver retries (5xx, refused or timed out, then sent again) | {string.Join(", ", _retries.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"))} |
            | faults injected | {string.Join(", ", _faults.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))} |
            | processes killed (SIGKILL) and started again | {_kills.Count}: {string.Join(", ", _kills)} |
            | settled (none Submitted/StockReserved, no authorization left on a shipped or cancelled order) | {(settled ? "yes" : "NO, within " + SettleBound.TotalMinutes + " min")} |
            | reconciler exit code | {reconciler} |
            | whole run; load average at its end | {took.TotalMinutes:F1} min; {Machine.LoadAverage()} |
            """);
    }

    /// <summary>
    /// Sends until the answer is neither a 5xx nor one of <paramref name="retryOn"/>, nor a refused or timed-out
    /// connection (a killed service), within <see cref="RequestBound"/>; counts each retry by its reason.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> request, string what, params HttpStatusCode[] retryOn)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(RequestBound.TotalSeconds * Stopwatch.Frequency);
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                using var message = request();
                var response = await http.SendAsync(message);
                if ((int)response.StatusCode < 500 && !retryOn.Contains(response.StatusCode))
                {
                    return response;
                }

                reason = $"{what} {(int)response.StatusCode}";
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new HttpRequestException($"{what} still answered {(int)response.StatusCode} after {RequestBound.TotalSeconds} s: {await response.Content.ReadAsStringAsync()}");
                }

                response.Dispose();
            }
            catch (Exception e) when ((e is HttpRequestException || e is TaskCanceledException) && Stopwatch.GetTimestamp() < deadline)
            {
                reason = $"{what} {(e is TaskCanceledException ? "timed out" : "refused")}";
            }

            _retries.AddOrUpdate(reason, 1, (_, n) => n + 1);
            await Task.Delay(Math.Min(2000, 100 * attempt));
        }
    }

    private async Task<string> CreatePaymentMethodAsync(string card)
    {
        using var http = Shop.NewHttpClient(1, "pk_test_local");
        using var created = await SendAsync(
            http,
            () => new HttpRequestMessage(HttpMethod.Post, $"{stack.EdgeUrl}/stripe/v1/payment_methods")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["type"] = "card",
                    ["card[number]"] = card,
                    ["card[exp_month]"] = "12",
                    ["card[exp_year]"] = "2030",
                    ["card[cvc]"] = "123",
                }),
            },
            "payment method");
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static HttpRequestMessage Post(Uri url, object body) => new(HttpMethod.Post, url) { Content = JsonContent.Create(body) };

    private static string Pick(string[] choices) => choices[Random.Shared.Next(choices.Length)];
}
