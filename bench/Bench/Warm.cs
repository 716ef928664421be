using System.Net;
using Amazon.DynamoDBv2;

namespace Ecommerce.Bench;

/// <summary>Resident memory of one running service at three moments, in KiB.</summary>
internal sealed record Memory(string Label, long AfterStart, long AfterWarmUp, long AfterLoad, (long Anonymous, long File) AfterLoadParts);

/// <summary>Warm latency and throughput of the services, of the Node peer, and of the same DynamoDB calls made directly.</summary>
internal sealed class Warm(Stack stack, string productId, BenchSettings settings)
{
    public const string DirectGet = "direct GetItem (product)";
    public const string DirectPut = "direct PutItem (basket)";

    /// <summary>What POST /basket asks of DynamoDB: the lines' prices from the catalogue view, then the basket written.</summary>
    public const string DirectPriced = "direct BatchGetItem (view) + PutItem (basket)";

    /// <summary>The label of a direct call made to DynamoDB Local's own port, past the edge.</summary>
    public static string PastTheEdge(string direct) => direct + ", DynamoDB Local's own port";

    public List<LoadResult> Loads { get; } = [];

    public List<Memory> Memories { get; } = [];

    /// <summary>The AOT services' overheads over their direct calls, measured side by side (after the rest).</summary>
    public SideBySide? SideBySide { get; private set; }

    public static Load.Call Get(HttpClient http, Service service, string path)
    {
        var url = service.Url(path);
        return async (_, _, cancellationToken) =>
        {
            using var response = await http.GetAsync(url, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        };
    }

    public static Load.Call PostBasket(HttpClient http, Service basket, string productId)
    {
        var url = basket.Url("/basket");
        return async (worker, count, cancellationToken) =>
        {
            using var content = Shop.Json(Shop.BasketJson(Format.Invariant($"load-{worker}-{count % 50}"), productId));
            using var response = await http.PostAsync(url, content, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        };
    }

    /// <summary>The GetItem that GET /product/{id} makes, made directly.</summary>
    public static Load.Call DirectGetCall(IAmazonDynamoDB dynamo, string productId) => async (_, _, cancellationToken) =>
    {
        var response = await dynamo.GetItemAsync(Shop.GetProductRequest(productId), cancellationToken);
        return response.IsItemSet;
    };

    /// <summary>A basket's PutItem, made directly.</summary>
    public static Load.Call DirectPutCall(IAmazonDynamoDB dynamo, string productId) => async (worker, count, cancellationToken) =>
    {
        await dynamo.PutItemAsync(Shop.PutBasketRequest(Format.Invariant($"direct-{worker}-{count % 50}"), productId), cancellationToken);
        return true;
    };

    /// <summary>The calls POST /basket makes (<see cref="DirectPriced"/>), made directly.</summary>
    public static Load.Call DirectPricedCall(IAmazonDynamoDB dynamo, string productId) => async (worker, count, cancellationToken) =>
    {
        var view = await dynamo.BatchGetItemAsync(Shop.GetViewRequest([productId]), cancellationToken);
        await dynamo.PutItemAsync(Shop.PutBasketRequest(Format.Invariant($"direct-{worker}-{count % 50}"), productId), cancellationToken);
        return view.Responses.Values.Sum(items => items.Count) == 1;
    };

    public async Task RunAsync()
    {
        await DirectAsync(stack.EdgeUrl, DirectGet, DirectPut);
        await DirectAsync(stack.DynamoDbUrl, PastTheEdge(DirectGet), PastTheEdge(DirectPut));
        var productPath = "/product/" + productId;
        foreach (var build in new[] { Build.Aot, Build.Jit })
        {
            // GET /product/{id} is anonymous; POST /basket needs a user, which the admin token may act for.
            await ServiceAsync("product", build, "GET /product/{id}", null, (http, service) => Get(http, service, productPath), productPath);
            await ServiceAsync("basket", build, "POST /basket", stack.Tokens?.Admin, (http, service) => PostBasket(http, service, productId), "/basket/" + Shop.ColdUser);
        }

        await ServiceAsync("product", Build.Node, "GET /product/{id}", null, (http, service) => Get(http, service, productPath), productPath);
        SideBySide = await SideBySide.MeasureAsync(stack, productId, settings, SideBySide.Services, settings.SideBySideRounds, settings.SideBySideWindow);
    }

    private async Task DirectAsync(string url, string getLabel, string putLabel)
    {
        using var dynamo = Shop.NewDynamoClient(url);
        var getItem = DirectGetCall(dynamo, productId);
        var putItem = DirectPutCall(dynamo, productId);

        // The first calls of the run through these servers: warmed until steady, not for a fixed time, on as
        // many connections as the load and on one, as the latency window uses them.
        Load.Call warmUp = (worker, count, cancellationToken) => count % 2 == 0 ? getItem(worker, count, cancellationToken) : putItem(worker, count, cancellationToken);
        foreach (var connections in new[] { settings.Connections, 1 })
        {
            var windows = await Load.WarmUntilSteadyAsync(connections, settings.WarmUp, warmUp);
            Console.WriteLine($"bench: direct calls to {url}: steady on {connections} connection(s) after {windows} warm-up window(s)");
        }

        await MeasureAsync(getLabel, getItem);
        await MeasureAsync(putLabel, putItem);
        if (getLabel == DirectGet)
        {
            // Through the edge only, as Basket makes these two calls.
            await MeasureAsync(DirectPriced, DirectPricedCall(dynamo, productId));
        }
    }

    private async Task ServiceAsync(string service, Build build, string what, string? bearer, Func<HttpClient, Service, Load.Call> call, string readyPath)
    {
        using var http = Shop.NewHttpClient(settings.Connections, bearer);
        await using var running = await stack.StartServiceAsync(service, build);
        await Shop.WaitOkAsync(http, running, readyPath);
        var afterStart = running.Process.ResidentKiB();

        var afterWarmUp = await MeasureAsync($"{what} {build}", call(http, running), running.Process);
        running.Process.ThrowIfExited();
        Memories.Add(new Memory($"{service} {build}", afterStart, afterWarmUp, running.Process.ResidentKiB(), running.Process.ResidentParts()));
    }
    /// <summary>Warm-up at full concurrency, then one connection (latency), then full concurrency (throughput).</summary>
    private async Task<long> MeasureAsync(string label, Load.Call call, Child? service = null)
    {
        await Load.RunAsync(label, settings.Connections, TimeSpan.Zero, settings.WarmUp, call);
        var resident = service?.ResidentKiB() ?? 0;
        var serial = await MeasureWindowAsync(label, 1, settings.SerialDuration, call, service);
        var loaded = await MeasureWindowAsync(label, settings.Connections, settings.LoadDuration, call, service);
        Loads.Add(serial);
        Loads.Add(loaded);
        foreach (var result in new[] { serial, loaded })
        {
            Console.WriteLine($"bench: {label} c={result.Connections}: {Format.Number(result.PerSecond)} req/s, p50 {Format.Ms(result.Latency.Median)} ms, p99 {Format.Ms(result.Latency.Percentile(99))} ms, {result.Errors} errors");
        }

        return resident;
    }

    public static async Task<LoadResult> MeasureWindowAsync(string label, int connections, TimeSpan duration, Load.Call call, Child? service)
    {
        var cpuBefore = service?.CpuMilliseconds() ?? double.NaN;
        var result = await Load.RunAsync(label, connections, TimeSpan.Zero, duration, call);
        return service is null ? result : result with { CpuMsPerRequest = (service.CpuMilliseconds() - cpuBefore) / Math.Max(1, result.Latency.Count) };
    }
}
