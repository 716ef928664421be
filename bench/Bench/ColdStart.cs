using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Ecommerce.Bench;

/// <summary>
/// How a start is held to the CPU a Lambda function of <paramref name="MemoryMb"/> gets: memory/1769 MB of
/// one vCPU. With <paramref name="InitAtFullCpu"/> the process runs at a whole vCPU until it answers its
/// readiness check (LWA's init phase: AWS documents no throttling of an on-demand function's init) and
/// is held only from then on; without it, the whole start is held (as provisioned concurrency is).
/// </summary>
internal sealed record CpuHold(int MemoryMb, bool InitAtFullCpu)
{
    /// <summary>Lambda gives a function one vCPU at 1,769 MB and a share in proportion below that.</summary>
    public const double FullVcpuMb = 1769;

    public double Cpus => Math.Min(1, MemoryMb / FullVcpuMb);

    public string Label => InitAtFullCpu ? $"{MemoryMb} MB, init at 1 vCPU" : $"{MemoryMb} MB";
}

/// <summary>
/// A program to start cold, and the request whose first 200 ends the clock; <paramref name="Folder"/>, when
/// given, holds another build of the same program (an A/B of a change, bench/run.sh --cold-only).
/// </summary>
internal sealed record ColdTarget(
    string Service,
    Build Build,
    string Path,
    IReadOnlyDictionary<string, string>? Knobs = null,
    string Variant = "",
    string? Bearer = null,
    CpuHold? Hold = null,
    string? Folder = null,
    string? Tracer = null)
{
    public string Label => $"{Service} {Build}{(Variant.Length == 0 ? "" : " " + Variant)}{(Hold is null ? "" : $" @ {Hold.Label}")}";
}

/// <summary>
/// One start: exec → port open, exec → first 200, the CPU time spent until then, the second request alone,
/// and RSS right then; for a start whose init runs at a whole vCPU, also exec → readiness check answered
/// and the CPU time spent until then.
/// </summary>
internal sealed record ColdRun(double ListenMs, double FirstOkMs, double CpuMs, double SecondMs, long ResidentKiB, double ReadyMs = double.NaN, double CpuAtReadyMs = double.NaN);

internal sealed class ColdResult(ColdTarget target)
{
    public ColdTarget Target { get; } = target;

    public List<ColdRun> Runs { get; } = [];

    public List<string> Failures { get; } = [];

    public Sample Listen => new(Runs.Select(r => r.ListenMs));

    public Sample Ready => new(Runs.Select(r => r.ReadyMs).Where(ms => !double.IsNaN(ms)));

    public Sample FirstOk => new(Runs.Select(r => r.FirstOkMs));

    public Sample Second => new(Runs.Select(r => r.SecondMs));

    public Sample Cpu => new(Runs.Select(r => r.CpuMs));

    public Sample CpuAtReady => new(Runs.Select(r => r.CpuAtReadyMs).Where(ms => !double.IsNaN(ms)));

    public Sample ResidentKiB => new(Runs.Select(r => (double)r.ResidentKiB));
}

internal static class ColdStart
{
    /// <summary>What LWA polls before it lets the first request in (the images' AWS_LWA_READINESS_CHECK_PATH).</summary>
    private const string ReadinessPath = "/health";

    /// <summary>
    /// Starts every target <paramref name="starts"/> times: in rounds, so drift touches all alike, and in a
    /// new order each round, so no program always follows the same one (a JIT process still exiting, say).
    /// </summary>
    public static async Task<List<ColdResult>> MeasureAsync(Stack stack, IReadOnlyList<ColdTarget> targets, int starts)
    {
        var results = targets.Select(t => new ColdResult(t)).ToList();
        var order = new Random(8);
        for (var round = 0; round < starts; round++)
        {
            var shuffled = results.ToArray();
            order.Shuffle(shuffled);
            foreach (var result in shuffled)
            {
                try
                {
                    result.Runs.Add(await OnceAsync(stack, result.Target));
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
                {
                    result.Failures.Add(e.Message.Split('\n')[0]);
                    Console.Error.WriteLine($"bench: cold start of {result.Target.Label} failed: {e.Message}");
                }

                // Let the killed process's sockets and pages go before the next start.
                await Task.Delay(250);
            }

            Console.WriteLine($"bench: cold start round {round + 1}/{starts}: "
                + string.Join(", ", results.Where(r => r.Runs.Count > 0).Select(r => $"{r.Target.Label} {Format.Ms(r.Runs[^1].FirstOkMs)} ms")));
        }

        return results;
    }

    public static async Task<ColdRun> OnceAsync(Stack stack, ColdTarget target)
    {
        var quota = target.Hold is { } hold ? stack.QuotaFor(hold.MemoryMb) : null;
        quota?.Limit(target.Hold!.InitAtFullCpu ? 1 : target.Hold.Cpus);

        var port = FreePort.Next();
        var started = Stopwatch.GetTimestamp();
        var start = Interlocked.Increment(ref _starts).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var child = stack.Launch(target.Service, target.Build, port, createResources: false, consumerMode: "Off", Numbered(target.Knobs, start), quota, target.Folder, target.Tracer?.Replace("{n}", start, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        await child.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
        var listen = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var (ready, cpuAtReady) = (double.NaN, double.NaN);
        if (target.Hold is { InitAtFullCpu: true })
        {
            // Any answer but a 5xx ends LWA's readiness check; from then on the function runs at its share.
            await UntilAsync(http, child, target, new Uri($"http://127.0.0.1:{port}{ReadinessPath}"), status => (int)status < 500);
            ready = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            cpuAtReady = CpuOf(child);
            quota!.Limit(target.Hold.Cpus);
        }

        var url = new Uri($"http://127.0.0.1:{port}{target.Path}");
        await UntilAsync(http, child, target, url, status => status == HttpStatusCode.OK);
        var firstOk = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var cpu = CpuOf(child);

        using var request = Get(url, target.Bearer);
        var before = Stopwatch.GetTimestamp();
        using (var second = await http.SendAsync(request))
        {
            await second.Content.ReadAsByteArrayAsync();
        }

        var secondMs = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
        var run = new ColdRun(listen, firstOk, cpu, secondMs, child.ResidentKiB(), ready, cpuAtReady);
        if (target.Tracer is not null)
        {
            // A tracer writes out what it recorded when the program ends by itself, not when killed.
            child.Terminate();
            await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        return run;
    }

    private static int _starts;

    /// <summary>The settings with {n} made this start's number: a folder of its own per start (a fresh HOME, as a new sandbox has).</summary>
    private static Dictionary<string, string>? Numbered(IReadOnlyDictionary<string, string>? knobs, string start) =>
        knobs?.ToDictionary(k => k.Key, k => k.Value.Replace("{n}", start, StringComparison.Ordinal));

    private static double CpuOf(Child child) => Math.Max(child.LiveThreadsCpuMilliseconds(), child.CpuMilliseconds());

    /// <summary>Sends GET until the answer's status is one <paramref name="done"/> accepts.</summary>
    private static async Task UntilAsync(HttpClient http, Child child, ColdTarget target, Uri url, Func<HttpStatusCode, bool> done)
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (true)
        {
            child.ThrowIfExited();
            HttpStatusCode last;
            using (var request = Get(url, target.Bearer))
            using (var response = await http.SendAsync(request))
            {
                last = response.StatusCode;
                await response.Content.ReadAsByteArrayAsync();
                if (done(last))
                {
                    return;
                }
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{target.Label}: GET {url.AbsolutePath} answered {(int)last}, never what was awaited:\n{child.Tail}");
            }

            await Task.Delay(5);
        }
    }

    private static HttpRequestMessage Get(Uri url, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }
}
