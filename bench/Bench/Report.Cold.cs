using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>Sections 1 and 1b: cold starts as they are, and held to Lambda's CPU shares.</summary>
internal static partial class Report
{
    private static void WriteCold(RunResults r, StringBuilder md)
    {
        md.AppendLine("## 1. Cold start: exec → first 200");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{r.Settings.ColdStarts} starts of each program, round robin. The clock starts just before `exec`; *listen* is the first accepted TCP connection, *first 200* the first 200 of the DynamoDB-backed request (`GET /product/{{id}}`, `GET /basket/{{user}}`, `GET /order/{{user}}`; the empty API: `GET /`), *2nd request* the next identical request alone, *RSS* VmRSS right after it. Page cache warm (binaries read before), so this is process start + runtime + first request, not an image pull. The two floors: the *empty API* (`bench/hello`) and the *GetItem floor* (`bench/getitem`, the same single GetItem and nothing else), each of the same build.");
        md.AppendLine();
        md.AppendLine("| program | build | n | listen p50 | first 200 min | **p50** | p90 | max | CPU to first 200, p50 | 2nd request p50 | RSS p50 (MiB) | p50 / empty API | p50 / GetItem floor |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var c in r.Cold)
        {
            var empty = ColdOf(r, "hello", c.Target.Build)?.FirstOk.Median ?? double.NaN;
            var getItem = ColdOf(r, "getitem", c.Target.Build)?.FirstOk.Median ?? double.NaN;
            var first = c.FirstOk;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {ProgramName(c.Target)}{(c.Target.Bearer is null ? "" : " †")} | {c.Target.Build} | {c.Runs.Count}{(c.Failures.Count > 0 ? $" ({c.Failures.Count} failed)" : "")} | {Format.Ms(c.Listen.Median)} | {Format.Ms(first.Min)} | **{Format.Ms(first.Median)}** | {Format.Ms(first.Percentile(90))} | {Format.Ms(first.Max)} | {Format.Ms(c.Cpu.Median)} | {Format.Ms(c.Second.Median)} | {Format.MiB((long)c.ResidentKiB.Median)} | {Format.Ratio(first.Median / empty)} | {Format.Ratio(first.Median / getItem)} |");
        }

        md.AppendLine();
        md.AppendLine("All times in ms. *CPU to first 200* is the process's user+system CPU time when the first 200 arrived: on Lambda, which gives a function memory/1769 MB of a vCPU, that work is what stretches with less memory (section 1b). The Node peer has no floor of its own build, so it has no ratios.");
        if (r.Cold.Any(c => c.Target.Bearer is not null))
        {
            md.AppendLine();
            md.AppendLine("† with the shopper's bearer token: the service answers a read without one with 401, so its first 200 includes fetching the issuer's keys and validating the token.");
        }

        WriteFailures(r.Cold, md);
        md.AppendLine();
    }

    private static void WriteFailures(IEnumerable<ColdResult> results, StringBuilder md)
    {
        foreach (var failure in results.SelectMany(c => c.Failures.Select(f => $"{c.Target.Label}: {f}")).Distinct().Take(10))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- failed start: {failure}");
        }
    }

    private static void WriteScale(RunResults r, StringBuilder md)
    {
        md.AppendLine("## 1b. On Lambda's scale: cold start held to a function's CPU share");
        md.AppendLine();
        if (r.Scale.Skipped is { } skipped)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Not measured in this run: {skipped}. It needs root and a cgroup cpu controller ({r.Scale.Controller} here).");
            md.AppendLine();
            return;
        }

        var starts = r.Scale.Cold.Count == 0 ? 0 : r.Scale.Cold.Max(c => c.Runs.Count + c.Failures.Count);
        md.AppendLine(CultureInfo.InvariantCulture, $"A Lambda function of M MB gets M/1769 of one vCPU. Each AOT program (and the Node peer) was started inside a control group ({r.Scale.Controller}) whose CFS quota holds it to that share of one CPU per {CpuQuota.PeriodMicroseconds / 1000} ms period, {starts} start(s) each, in rounds. Two ways of holding it: *held* from exec on, as provisioned concurrency runs init at the proportional share; *init at 1 vCPU*: a whole CPU until the process answers LWA's readiness check (`GET /health`, the images' `AWS_LWA_READINESS_CHECK_PATH`), then the share, as AWS's serverless guidance describes an on-demand function's init (\"a full vCPU (non-throttled)\", at most 10 s). p50 of exec → first 200, in ms.");
        md.AppendLine();
        var columns = (from init in LambdaScale.Holds from memory in LambdaScale.Memories select (memory, init)).ToList();
        md.AppendLine("| program | unheld (section 1) | " + string.Join(" | ", columns.Select(c => c.init ? $"{c.memory} MB init at 1 vCPU" : $"{c.memory} MB held")) + " |");
        md.AppendLine("| --- | --- | " + string.Join(" | ", columns.Select(_ => "---")) + " |");
        foreach (var program in r.Scale.Cold.Select(c => c.Target with { Hold = null }).Distinct())
        {
            var unheld = ColdOf(r, program.Service, program.Build)?.FirstOk.Median ?? double.NaN;
            var cells = columns.Select(c => Format.Ms(r.Scale.Of(program.Service, program.Build, c.memory, c.init)?.FirstOk.Median ?? double.NaN));
            md.AppendLine(CultureInfo.InvariantCulture, $"| {ProgramName(program)} | {Format.Ms(unheld)} | {string.Join(" | ", cells)} |");
        }

        md.AppendLine();
        md.AppendLine("Each service's p50 over the floors' p50 at the same share (the bounds: ≤ 1.5 × the empty API, ≤ 1.2 × the GetItem floor):");
        md.AppendLine();
        md.AppendLine("| ratio | unheld | " + string.Join(" | ", columns.Select(c => c.init ? $"{c.memory} MB init at 1 vCPU" : $"{c.memory} MB held")) + " |");
        md.AppendLine("| --- | --- | " + string.Join(" | ", columns.Select(_ => "---")) + " |");
        foreach (var service in Services)
        {
            foreach (var (floor, name) in new[] { ("hello", "empty API"), ("getitem", "GetItem floor") })
            {
                var unheld = (ColdOf(r, service, Build.Aot)?.FirstOk.Median ?? double.NaN) / (ColdOf(r, floor, Build.Aot)?.FirstOk.Median ?? double.NaN);
                var cells = columns.Select(c =>
                    Format.Ratio((r.Scale.Of(service, Build.Aot, c.memory, c.init)?.FirstOk.Median ?? double.NaN)
                        / (r.Scale.Of(floor, Build.Aot, c.memory, c.init)?.FirstOk.Median ?? double.NaN)));
                md.AppendLine(CultureInfo.InvariantCulture, $"| {service} ÷ {name} | {Format.Ratio(unheld)} | {string.Join(" | ", cells)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("CPU time to the first 200 (p50, ms) under each hold, and, for *init at 1 vCPU*, how much of it was spent before the readiness check answered (the part Lambda would run unthrottled):");
        md.AppendLine();
        md.AppendLine("| program | " + string.Join(" | ", LambdaScale.Memories.Select(m => $"{m} MB held")) + " | " + string.Join(" | ", LambdaScale.Memories.Select(m => $"{m} MB init at 1 vCPU: before ready / all")) + " |");
        md.AppendLine("| --- | " + string.Join(" | ", LambdaScale.Memories.Concat(LambdaScale.Memories).Select(_ => "---")) + " |");
        foreach (var program in r.Scale.Cold.Select(c => c.Target with { Hold = null }).Distinct())
        {
            var held = LambdaScale.Memories.Select(m => Format.Ms(r.Scale.Of(program.Service, program.Build, m, false)?.Cpu.Median ?? double.NaN));
            var split = LambdaScale.Memories.Select(m => r.Scale.Of(program.Service, program.Build, m, true) is { } c
                ? $"{Format.Ms(c.CpuAtReady.Median)} / {Format.Ms(c.Cpu.Median)}"
                : "–");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {ProgramName(program)} | {string.Join(" | ", held)} | {string.Join(" | ", split)} |");
        }

        md.AppendLine();
        WriteFailures(r.Scale.Cold, md);
        md.AppendLine();
    }
}
