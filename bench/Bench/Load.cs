using System.Diagnostics;

namespace Ecommerce.Bench;

/// <summary>The outcome of one bounded closed-loop load: every latency of the measured window.</summary>
internal sealed record LoadResult(string Label, int Connections, double Seconds, long Errors, Sample Latency)
{
    public double PerSecond => Latency.Count / Seconds;

    /// <summary>CPU time the service used per successful request in this window (NaN for direct calls).</summary>
    public double CpuMsPerRequest { get; init; } = double.NaN;
}

/// <summary>
/// A closed-loop load: <c>connections</c> workers, each sending its next request when the last one
/// answered, for a warm-up and then a measured window; it stops by itself at the window's end.
/// </summary>
internal static class Load
{
    /// <summary>One call; true when it succeeded. The worker number and its call count let a call vary its key.</summary>
    public delegate Task<bool> Call(int worker, long count, CancellationToken cancellationToken);

    public static async Task<LoadResult> RunAsync(string label, int connections, TimeSpan warmUp, TimeSpan duration, Call call)
    {
        if (warmUp > TimeSpan.Zero)
        {
            await RunWindowAsync(connections, warmUp, call, record: false);
        }

        var (latencies, errors, seconds) = await RunWindowAsync(connections, duration, call, record: true);
        return new LoadResult(label, connections, seconds, errors, new Sample(latencies));
    }

    /// <summary>
    /// Warms up in windows of <paramref name="window"/> until a window's median is within 10% of the one
    /// before (at most <paramref name="maxWindows"/>): a JIT-compiled server behind the call (LocalCloud,
    /// DynamoDB Local's JVM) takes longer to reach its steady speed on a busy machine.
    /// </summary>
    public static async Task<int> WarmUntilSteadyAsync(int connections, TimeSpan window, Call call, int maxWindows = 6)
    {
        var previous = double.NaN;
        for (var windows = 1; ; windows++)
        {
            var (latencies, _, _) = await RunWindowAsync(connections, window, call, record: true);
            var median = new Sample(latencies).Median;
            if (windows == maxWindows || Math.Abs(median - previous) <= 0.1 * previous)
            {
                return windows;
            }

            previous = median;
        }
    }

    private static async Task<(List<double> Latencies, long Errors, double Seconds)> RunWindowAsync(
        int connections, TimeSpan duration, Call call, bool record)
    {
        var perWorker = new List<double>[connections];
        var errors = new long[connections];
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        // A hard stop in case a call hangs: the window plus a grace period, never longer.
        using var cts = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));

        await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var latencies = perWorker[worker] = new List<double>(4096);
            for (long count = 0; Stopwatch.GetTimestamp() < end; count++)
            {
                var before = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await call(worker, count, cts.Token);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or Amazon.Runtime.AmazonServiceException or IOException)
                {
                    ok = false;
                }

                if (!ok)
                {
                    errors[worker]++;
                }
                else if (record)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                }

                if (cts.IsCancellationRequested)
                {
                    break;
                }
            }
        })));

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return ([.. perWorker.SelectMany(l => l)], errors.Sum(), seconds);
    }
}
