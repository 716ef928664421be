using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Ecommerce.Bench;

/// <summary>One pipeline run: N checkouts of N users, each followed until its order shows in Ordering.</summary>
internal sealed record PipelineResult(
    string Mode,
    int Checkouts,
    int Accepted,
    int Found,
    int Lost,
    int Duplicated,
    Sample CheckoutMs,
    Sample ToOrderMs,
    double OrdersPerSecond,
    double Seconds,
    int QueueLeft,
    int DeadLetters,
    IReadOnlyList<(string Process, double CpuMsPerOrder)> Cpu,
    IReadOnlyList<(double SentSeconds, double ToOrderMs)> Timeline);

/// <summary>
/// Fires checkouts at Basket (paced at a fixed rate, or as fast as 16 connections go) and polls
/// GET /order/{user} until each order appears; then counts every user's orders again: exactly one each.
/// </summary>
internal sealed class Pipeline(Stack stack, string productId, BenchSettings settings)
{
    private const int PollWorkers = 4;

    public List<PipelineResult> Results { get; } = [];

    public Memory? OrderingMemory { get; private set; }

    public Memory? BasketMemory { get; private set; }

    /// <summary>GET /order/{user} on one connection, for the cost line of Ordering.</summary>
    public LoadResult? OrderRead { get; private set; }

    public async Task RunAsync()
    {
        // The admin token acts for every pipeline user (each is a new user).
        using var http = Shop.NewAdminClient(stack, 64);
        await using var basket = await stack.StartServiceAsync("basket", Build.Aot);
        await using var ordering = await stack.StartServiceAsync("ordering", Build.Aot, consumerMode: "Poll");
        await Shop.WaitOkAsync(http, basket, "/basket/" + Shop.ColdUser);
        await Shop.WaitOkAsync(http, ordering, "/order/" + Shop.ColdUser);
        var (basketStart, orderingStart) = (basket.Process.ResidentKiB(), ordering.Process.ResidentKiB());

        // Warm-up: reads of Ordering, and a small paced run that is not reported.
        var readOrders = Warm.Get(http, ordering, "/order/" + Shop.ColdUser);
        await Load.RunAsync("warm-up GET /order/{user}", settings.Connections, TimeSpan.Zero, settings.WarmUp, readOrders);
        await RunOnceAsync(http, basket, ordering, "warm-up", Math.Min(50, settings.PipelineCheckouts), paced: true);
        OrderRead = await Warm.MeasureWindowAsync("GET /order/{user} Aot", 1, settings.SerialDuration, readOrders, ordering.Process);
        var (basketWarm, orderingWarm) = (basket.Process.ResidentKiB(), ordering.Process.ResidentKiB());

        Results.Add(await RunOnceAsync(http, basket, ordering, "paced", settings.PipelineCheckouts, paced: true));
        Results.Add(await RunOnceAsync(http, basket, ordering, "burst", settings.PipelineCheckouts, paced: false));
        basket.Process.ThrowIfExited();
        ordering.Process.ThrowIfExited();
        BasketMemory = new Memory("basket Aot (pipeline)", basketStart, basketWarm, basket.Process.ResidentKiB(), basket.Process.ResidentParts());
        OrderingMemory = new Memory("ordering Aot (pipeline)", orderingStart, orderingWarm, ordering.Process.ResidentKiB(), ordering.Process.ResidentParts());
    }

    private async Task<PipelineResult> RunOnceAsync(HttpClient http, Service basket, Service ordering, string mode, int count, bool paced)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var users = Enumerable.Range(0, count).Select(i => Format.Invariant($"pipe-{mode}-{tag}-{i:D5}")).ToArray();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = settings.Connections }, async (user, cancellationToken) =>
            await Shop.PostBasketAsync(http, basket, user, productId, cancellationToken));

        var sent = new long[count];
        var answered = new long[count];
        var visible = new long[count];
        var accepted = 0;
        var found = 0;
        var pending = new ConcurrentQueue<int>();
        var firing = true;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        async Task CheckoutAsync(int i, CancellationToken cancellationToken)
        {
            sent[i] = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(basket.Url("/basket/checkout"), Shop.Json(Shop.CheckoutJson(users[i])), cancellationToken);
            answered[i] = Stopwatch.GetTimestamp();
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref accepted);
                pending.Enqueue(i);
            }
            else
            {
                Console.Error.WriteLine($"bench: checkout of {users[i]} answered {(int)response.StatusCode}");
            }
        }

        async Task PollAsync()
        {
            while (!stop.IsCancellationRequested && (Volatile.Read(ref firing) || !pending.IsEmpty))
            {
                if (!pending.TryDequeue(out var i))
                {
                    await Task.Delay(1);
                    continue;
                }

                int orders;
                try
                {
                    orders = await Shop.CountOrdersAsync(http, ordering, users[i], stop.Token);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    orders = 0;
                }

                if (orders >= 1)
                {
                    visible[i] = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref found);
                }
                else
                {
                    pending.Enqueue(i);
                }
            }
        }

        Child[] processes = [basket.Process, ordering.Process, .. stack.Processes];
        var cpuBefore = processes.Select(p => p.CpuMilliseconds()).ToArray();
        var harnessBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var pollers = Enumerable.Range(0, PollWorkers).Select(_ => Task.Run(PollAsync)).ToArray();
        var start = Stopwatch.GetTimestamp();
        if (paced)
        {
            var inFlight = new List<Task>(count);
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * Stopwatch.Frequency / settings.PipelineRate);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                inFlight.Add(CheckoutAsync(i, stop.Token));
            }

            await Task.WhenAll(inFlight);
        }
        else
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = settings.Connections }, async (i, cancellationToken) =>
                await CheckoutAsync(i, cancellationToken));
        }

        Volatile.Write(ref firing, false);
        var lastSent = Stopwatch.GetTimestamp();
        // Every accepted checkout gets 60 s after the last one to show up; then it counts as lost.
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        await Task.WhenAll(pollers);
        var end = visible.Where(v => v != 0).DefaultIfEmpty(lastSent).Max();
        // CPU per order of each process while the run went on (the pollers' reads of Ordering included).
        var cpu = processes.Select((p, i) => (p.Name, (p.CpuMilliseconds() - cpuBefore[i]) / Math.Max(1, found))).ToList();
        cpu.Add(("harness (checkouts, polling)", (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - harnessBefore).TotalMilliseconds / Math.Max(1, found)));

        // Let any redelivery land, then count each user's orders once more: one each, no more, no less.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var counts = new int[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = settings.Connections }, async (i, cancellationToken) =>
            counts[i] = await Shop.CountOrdersAsync(http, ordering, users[i], cancellationToken));
        var (queueLeft, deadLetters) = await QueueDepthsAsync();

        var first = sent.Where(s => s != 0).Min();
        var seconds = (end - first) / (double)Stopwatch.Frequency;
        var result = new PipelineResult(
            mode,
            count,
            accepted,
            found,
            Lost: counts.Count(c => c == 0),
            Duplicated: counts.Count(c => c > 1),
            new Sample(Enumerable.Range(0, count).Where(i => answered[i] != 0).Select(i => Milliseconds(sent[i], answered[i]))),
            new Sample(Enumerable.Range(0, count).Where(i => visible[i] != 0).Select(i => Milliseconds(sent[i], visible[i]))),
            found / seconds,
            seconds,
            queueLeft,
            deadLetters,
            cpu,
            [.. Enumerable.Range(0, count).Where(i => visible[i] != 0).Select(i => (Milliseconds(first, sent[i]) / 1000, Milliseconds(sent[i], visible[i])))]);
        Console.WriteLine($"bench: pipeline {mode}: {result.Found}/{count} orders, p50 {Format.Ms(result.ToOrderMs.Median)} ms, p99 {Format.Ms(result.ToOrderMs.Percentile(99))} ms, {Format.Number(result.OrdersPerSecond, "F1")} orders/s, lost {result.Lost}, duplicated {result.Duplicated}");
        return result;
    }

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private async Task<(int Queue, int DeadLetters)> QueueDepthsAsync()
    {
        using var sqs = new AmazonSQSClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonSQSConfig { ServiceURL = stack.EdgeUrl, AuthenticationRegion = "us-east-1" });
        return (await DepthAsync(sqs, "OrderQueue"), await DepthAsync(sqs, "OrderQueueDLQ"));
    }

    private static async Task<int> DepthAsync(AmazonSQSClient sqs, string queue)
    {
        var url = (await sqs.GetQueueUrlAsync(queue)).QueueUrl;
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        });
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }
}
