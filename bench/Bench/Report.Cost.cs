using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>Section 5: what a request costs at the CDK default, and at each memory size.</summary>
internal static partial class Report
{
    /// <summary>Each service's warm request (1 connection, AOT) and its AOT cold starts.</summary>
    public static IEnumerable<(string Service, LoadResult? Warm, string Name)> CostedRequests(RunResults r) =>
    [
        ("product", LoadOf(r, "GET /product/{id} Aot", 1), "Product"),
        ("basket", LoadOf(r, "POST /basket Aot", 1), "Basket"),
        ("ordering", r.Pipeline.OrderRead, "Ordering"),
    ];

    private static void WriteCost(RunResults r, StringBuilder md)
    {
        var memoryMb = r.Settings.LambdaMemoryMb;
        md.AppendLine("## 5. Cost");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Price constants: AWS Lambda x86, us-east-1: **${LambdaCost.PricePerGbSecond:0.0000000000} per GB-second** and **${LambdaCost.PricePerMillionRequests:F2} per million requests**, duration billed in 1 ms steps (aws.amazon.com/lambda/pricing and AWS's \"How AWS Pricing Works\" whitepaper, as stored by the search tool and read on 2026-11-25). Free tier and API Gateway not counted. Memory: {memoryMb} MB, the CDK default (`DeploySettings.DefaultMemorySize` in deploy/DeploySettings.cs). Duration: the measured warm p50 on one connection (AOT), rounded up to the ms.");
        md.AppendLine();
        md.AppendLine("| service | request | memory | warm p50 (ms) | billed (ms) | $ per million requests |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (_, load, name) in CostedRequests(r))
        {
            if (load is null)
            {
                continue;
            }

            var billed = Math.Ceiling(load.Latency.Median);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {load.Label[..^4]} | {memoryMb} MB | {Format.Ms(load.Latency.Median)} | {billed:F0} | ${LambdaCost.PerMillion(memoryMb, billed):F3} |");
        }

        md.AppendLine();
        WriteSizing(r, md);
        md.AppendLine("Formula: $ per million = 10⁶ × (memory GB × billed s × price per GB-s) + price per million requests. Locally DynamoDB is DynamoDB Local on loopback; in AWS a DynamoDB call takes a few ms more, and below 1769 MB a function gets a fraction of a vCPU, so billed durations there are longer (see the findings).");
        md.AppendLine();
    }

    private static void WriteSizing(RunResults r, StringBuilder md)
    {
        var requests = CostedRequests(r).ToList();
        var peakKiB = Memories(r).Where(m => m.Label.Contains("Aot", StringComparison.Ordinal)).Select(m => Math.Max(m.AfterLoad, m.AfterWarmUp)).DefaultIfEmpty(0).Max();
        md.AppendLine(CultureInfo.InvariantCulture, $"Memory sizing. *warm ms* is estimated: below {CpuHold.FullVcpuMb:F0} MB Lambda gives a function memory/{CpuHold.FullVcpuMb:F0} of a vCPU, so the measured CPU per request (section 2b, 1 connection) stretches by {CpuHold.FullVcpuMb:F0}/memory while the rest of the time (waiting on DynamoDB) stays. *cold* is measured (section 1b, p50 exec → first 200): held from exec / init at 1 vCPU. *$ per M cold* is the duration charge of a million such starts, held from exec (Lambda bills the init phase). Highest AOT RSS measured: {Format.MiB(peakKiB)} MiB.");
        md.AppendLine();
        md.AppendLine("| memory | vCPU share | RSS headroom | " + string.Join(" | ", requests.Select(q => $"{q.Name}: warm ms / $ per M requests / cold ms (held / init at 1 vCPU) / $ per M cold")) + " |");
        md.AppendLine("| --- | --- | --- | " + string.Join(" | ", requests.Select(_ => "---")) + " |");
        foreach (var memory in LambdaCost.SizingMemories)
        {
            var cells = requests.Select(q =>
            {
                if (q.Warm is null)
                {
                    return "–";
                }

                var warm = LambdaCost.EstimatedMs(q.Warm, memory);
                var held = r.Scale.Of(q.Service, Build.Aot, memory, initAtFullCpu: false)?.FirstOk.Median ?? double.NaN;
                var split = r.Scale.Of(q.Service, Build.Aot, memory, initAtFullCpu: true)?.FirstOk.Median ?? double.NaN;
                var coldCost = double.IsNaN(held) ? "–" : Format.Invariant($"${LambdaCost.DurationPerMillion(memory, held):F2}");
                return Format.Invariant($"{Format.Ms(warm)} / ${LambdaCost.PerMillion(memory, Math.Ceiling(warm)):F3} / {Format.Ms(held)} / {Format.Ms(split)} / {coldCost}");
            });
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {memory} MB | {Math.Min(1, memory / CpuHold.FullVcpuMb):P0} | {memory - (peakKiB / 1024.0):F0} MB | {string.Join(" | ", cells)} |");
        }

        md.AppendLine();
    }
}
