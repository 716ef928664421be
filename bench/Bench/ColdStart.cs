using System.Diagnostics;
using System.Net;

namespace Ecommerce.Bench;

/// <summary>A program to start cold, and the request whose first 200 ends the clock.</summary>
internal sealed record ColdTarget(string Service, Build Build, string Path, IReadOnlyDictionary<string, string>? Knobs = null, string Variant = "")
{
    public string Label => $"{Service} {Build}{(Variant.Length == 0 ? "" : " " + Variant)}";
}

/// <summary>One start: exec → port open, exec → first 200, the CPU time spent until then, the second request alone, and RSS right then.</summary>
internal sealed record ColdRun(double ListenMs, double FirstOkMs, double CpuMs, double SecondMs, long ResidentKiB);

internal sealed class ColdResult(ColdTarget target)
{
    public ColdTarget Target { get; } = target;

    public List<ColdRun> Runs { get; } = [];

    public List<string> Failures { get; } = [];

    public Sample Listen => new(Runs.Select(r => r.ListenMs));

    public Sample FirstOk => new(Runs.Select(r => r.FirstOkMs));

    public Sample Second => new(Runs.Select(r => r.SecondMs));

    public Sample Cpu => new(Runs.Select(r => r.CpuMs));

    public Sample ResidentKiB => new(Runs.Select(r => (double)r.ResidentKiB));
}

internal static class ColdStart
{
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
        var port = FreePort.Next();
        var started = Stopwatch.GetTimestamp();
        await using var child = stack.Launch(target.Service, target.Build, port, createResources: false, consumerMode: "Off", target.Knobs);
        await child.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
        var listen = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var url = new Uri($"http://127.0.0.1:{port}{target.Path}");
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        HttpStatusCode last;
        while (true)
        {
            child.ThrowIfExited();
            using (var response = await http.GetAsync(url))
            {
                last = response.StatusCode;
                await response.Content.ReadAsByteArrayAsync();
                if (last == HttpStatusCode.OK)
                {
                    break;
                }
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{target.Label}: GET {target.Path} answered {(int)last}, never 200:\n{child.Tail}");
            }

            await Task.Delay(5);
        }

        var firstOk = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var cpu = Math.Max(child.LiveThreadsCpuMilliseconds(), child.CpuMilliseconds());

        var before = Stopwatch.GetTimestamp();
        using (var second = await http.GetAsync(url))
        {
            await second.Content.ReadAsByteArrayAsync();
        }

        var secondMs = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
        return new ColdRun(listen, firstOk, cpu, secondMs, child.ResidentKiB());
    }
}
