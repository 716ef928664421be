using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Ecommerce.Bench;

/// <summary>One phase of the freshness run: how long each change took to show in Basket's view, and how many never did.</summary>
internal sealed record FreshnessPhase(string Name, int Sent, int Failed, Sample Latency, int Lost, TimeSpan Duration);

/// <summary>
/// The catalogue flow's freshness: a product changed through Product (PUT as the admin) until Basket's view
/// of the catalogue holds that change, through the whole path a change takes (Product's table stream, its
/// publisher, EventBridge, the BasketCatalogueQueue, Basket's consumer, the view table), at a steady rate
/// and in one burst. Each change gives its product a price no earlier change had, higher than all of them,
/// so a view holding that price or a higher one holds the change or a newer one.
/// </summary>
internal sealed class Freshness(Stack stack, BenchSettings settings)
{
    /// <summary>How long a change may take to reach the view before it counts as lost.</summary>
    private static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Pending>> _pending = new(StringComparer.Ordinal);
    private int _sequence;

    public int Products { get; private set; }

    public List<FreshnessPhase> Phases { get; } = [];

    public async Task RunAsync()
    {
        // Product publishes its table's stream, Basket consumes the queue into its view: both poll, as the app host runs them.
        await using var basket = await stack.StartServiceAsync("basket", Build.Aot, consumerMode: "Poll");
        await using var product = await stack.StartServiceAsync("product", Build.Aot, consumerMode: "Poll");
        using var admin = Shop.NewAdminClient(stack, 32);
        await Shop.WaitReadyAsync(admin, basket);
        await Shop.WaitReadyAsync(admin, product);
        using var dynamo = Shop.NewDynamoClient(stack.EdgeUrl);
        using var stop = new CancellationTokenSource();
        var watcher = WatchAsync(dynamo, stop.Token);
        try
        {
            // One product per change of the burst; creating them is itself a burst, waited out before measuring.
            Products = settings.FreshnessBurst;
            var ids = await CreateProductsAsync(admin, product, Products);
            await DrainAsync("create", Products, TimeSpan.FromSeconds(60), failed: 0);

            var steadyCount = (int)(settings.FreshnessRate * settings.FreshnessSteadySeconds);
            var clock = Stopwatch.StartNew();
            var steady = new List<Task<bool>>();
            for (var i = 0; i < steadyCount; i++)
            {
                // Open loop: each change leaves at its time, however long the ones before it take.
                var due = TimeSpan.FromSeconds(i / (double)settings.FreshnessRate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                steady.Add(ChangeAsync(admin, product, ids[i % ids.Count]));
            }

            Phases.Add(await DrainAsync(Format.Invariant($"steady {settings.FreshnessRate}/s for {settings.FreshnessSteadySeconds} s"), steadyCount, LostAfter, Failures(await Task.WhenAll(steady))));

            var burst = ids.Select(id => ChangeAsync(admin, product, id)).ToList();
            Phases.Add(await DrainAsync(Format.Invariant($"burst of {ids.Count}"), ids.Count, LostAfter, Failures(await Task.WhenAll(burst))));
        }
        finally
        {
            await stop.CancelAsync();
            await watcher;
        }
    }

    private static int Failures(bool[] sent) => sent.Count(ok => !ok);

    private async Task<List<string>> CreateProductsAsync(HttpClient admin, Service product, int count)
    {
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            var price = NextPrice();
            var id = await Shop.CreateProductAsync(admin, product, ProductJson(Format.Invariant($"Fresh {i}"), price), cancellationToken);
            // Its creation is timed from the answer: the id is not known before.
            Expect(id, price);
            ids.Add(id);
        });
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    /// <summary>PUT /product/{id} with the next price; false (and nothing awaited) when Product refused it.</summary>
    private async Task<bool> ChangeAsync(HttpClient admin, Service product, string id)
    {
        Pending pending;
        lock (_pending)
        {
            // A product's changes are queued in the order of their prices.
            pending = Expect(id, NextPrice());
        }

        using var response = await admin.PutAsync(product.Url("/product/" + id), Shop.Json(ProductJson("Fresh", pending.Price)));
        if (!response.IsSuccessStatusCode)
        {
            pending.Cancelled = true;
            return false;
        }

        return true;
    }

    private decimal NextPrice() => 1m + (Interlocked.Increment(ref _sequence) / 100m);

    private Pending Expect(string id, decimal price)
    {
        var pending = new Pending(price, Stopwatch.GetTimestamp());
        _pending.GetOrAdd(id, _ => new ConcurrentQueue<Pending>()).Enqueue(pending);
        return pending;
    }

    private static string ProductJson(string name, decimal price) => Format.Invariant(
        $$"""{"name":"{{name}}","description":"Freshness","imageFile":"fresh.png","price":{{price}},"category":"Bench"}""");

    private readonly ConcurrentQueue<(long Sent, long Seen)> _seen = new();

    /// <summary>Waits until every change of the phase is in the view, or <paramref name="deadline"/> passed; what was seen meanwhile.</summary>
    private async Task<FreshnessPhase> DrainAsync(string name, int sent, TimeSpan deadline, int failed)
    {
        var started = Stopwatch.GetTimestamp();
        while (Outstanding() > 0 && Stopwatch.GetElapsedTime(started) < deadline)
        {
            await Task.Delay(20);
        }

        var lost = Outstanding();
        foreach (var queue in _pending.Values)
        {
            queue.Clear();
        }

        var latencies = new List<double>();
        var first = long.MaxValue;
        var last = 0L;
        while (_seen.TryDequeue(out var seen))
        {
            latencies.Add(Stopwatch.GetElapsedTime(seen.Sent, seen.Seen).TotalMilliseconds);
            first = Math.Min(first, seen.Sent);
            last = Math.Max(last, seen.Seen);
        }

        var phase = new FreshnessPhase(name, sent, failed, new Sample(latencies), lost, last > first ? Stopwatch.GetElapsedTime(first, last) : TimeSpan.Zero);
        Console.WriteLine($"bench: freshness {name}: {latencies.Count} seen, p50 {Format.Ms(phase.Latency.Median)} ms, p99 {Format.Ms(phase.Latency.Percentile(99))} ms, {lost} lost, {failed} refused");
        return phase;
    }

    private int Outstanding() => _pending.Values.Sum(q => q.Count(p => !p.Cancelled));

    /// <summary>Reads the view of every product with a change outstanding, over and over, and marks what it holds.</summary>
    private async Task WatchAsync(AmazonDynamoDBClient dynamo, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var waiting = _pending.Where(p => !p.Value.IsEmpty).Select(p => p.Key).ToList();
            if (waiting.Count == 0)
            {
                await Task.Delay(2, CancellationToken.None);
                continue;
            }

            foreach (var chunk in waiting.Chunk(100))
            {
                BatchGetItemResponse response;
                try
                {
                    response = await dynamo.BatchGetItemAsync(Shop.GetViewRequest(chunk, projection: "productId, price"), CancellationToken.None);
                }
                catch (AmazonDynamoDBException e)
                {
                    Console.Error.WriteLine($"bench: freshness read failed: {e.ErrorCode}");
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                foreach (var item in response.Responses.GetValueOrDefault(Shop.ViewTable) ?? [])
                {
                    var held = decimal.Parse(item["price"].N, CultureInfo.InvariantCulture);
                    var queue = _pending[item["productId"].S];
                    // Changes of one product are queued in price order: the view holding a price holds every change up to it.
                    while (queue.TryPeek(out var next) && (next.Cancelled || next.Price <= held))
                    {
                        queue.TryDequeue(out _);
                        if (!next.Cancelled)
                        {
                            _seen.Enqueue((next.Sent, now));
                        }
                    }
                }
            }
        }
    }

    private sealed class Pending(decimal price, long sent)
    {
        public decimal Price { get; } = price;

        public long Sent { get; } = sent;

        public volatile bool Cancelled;
    }
}
