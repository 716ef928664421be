using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>
/// bench/run.sh --cold-only: section 1's cold starts alone, for the AOT builds (or other builds of them),
/// with spreads, to weigh one change in minutes. Prints a table and writes it to
/// <c>artifacts/bench/cold-only.md</c>; RESULTS.md is left alone.
/// </summary>
/// <remarks>
/// <c>--program [label=]name[@folder][,KEY=VALUE...]</c>, repeatable: <c>name</c> is hello, getitem, product,
/// product-token (the same read with a shopper's bearer token), basket, ordering or node; <c>folder</c> another published build of it; <c>KEY=VALUE</c> environment
/// settings for it alone. <c>--starts N</c> (15), <c>--hold MB</c> holds every start from exec to that
/// memory's CPU share (root only). <c>--trace-with "CMD"</c> runs every start under CMD (e.g. <c>perf record -g -o
/// /tmp/start-{n}.data</c>, {n} numbering the starts): a profile of a cold start, whose times then include the tracer.
/// A KEY=VALUE may hold {n} too (<c>HOME=/tmp/home-{n}</c>: a fresh home per start, as a new sandbox has).
/// </remarks>
internal static class ColdOnly
{
    private static readonly string[] DefaultPrograms = ["hello", "getitem", "product", "basket", "ordering"];

    public static async Task<int> RunAsync(Stack stack, Seed seed, string[] args)
    {
        if (args.Contains("--issuer"))
        {
            // Only the issuer requests of section 1c: untimed, so no starts are measured.
            var counts = await IssuerCalls.MeasureAsync(stack, seed);
            Console.WriteLine(counts.Count == 0 ? $"bench: no issuer counts: {IssuerCalls.Unavailable}" : string.Join('\n', counts.Select(c => $"{c.Label}: {c.UntilFirstOk} by the first 200, {c.Warm} over {c.WarmRequests} warm requests; {string.Join(", ", c.Paths)}")));
            return counts.Count == 0 ? 1 : 0;
        }

        var starts = int.Parse(Arguments.Value(args, "--starts") ?? "15", CultureInfo.InvariantCulture);
        var tracer = Arguments.Value(args, "--trace-with");
        var hold = Arguments.Value(args, "--hold") is { } mb ? new CpuHold(int.Parse(mb, CultureInfo.InvariantCulture), InitAtFullCpu: false) : null;
        var specs = Arguments.Values(args, "--program");
        var targets = (specs.Count == 0 ? [.. DefaultPrograms] : specs).Select(spec => Parse(spec, seed, stack.Tokens) with { Hold = hold, Tracer = tracer }).ToList();

        var load = Machine.LoadAverage();
        Console.WriteLine($"bench: cold only, {starts} starts of {string.Join(", ", targets.Select(t => t.Label))}; load {load}");
        var results = await ColdStart.MeasureAsync(stack, targets, starts);
        var table = Table(results, starts, hold, load, Machine.LoadAverage());
        Console.WriteLine(table);
        var output = Path.Combine(stack.Layout.Artifacts, "cold-only.md");
        await File.WriteAllTextAsync(output, table);
        Console.WriteLine($"bench: wrote {output}");
        return results.Any(r => r.Runs.Count == 0) ? 1 : 0;
    }

    /// <summary><c>[label=]name[@folder][,KEY=VALUE...]</c> as a target.</summary>
    private static ColdTarget Parse(string spec, Seed seed, Tokens? tokens)
    {
        var parts = spec.Split(',');
        var (label, name, folder) = Arguments.ProgramSpec(parts[0]);
        var knobs = parts.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var target = name switch
        {
            "hello" => new ColdTarget("hello", Build.Aot, "/"),
            "getitem" => new ColdTarget("getitem", Build.Aot, "/product/" + seed.ProductId),
            "product" => new ColdTarget("product", Build.Aot, "/product/" + seed.ProductId),
            "product-token" => new ColdTarget("product", Build.Aot, "/product/" + seed.ProductId, Bearer: tokens?.Shopper),
            "basket" => new ColdTarget("basket", Build.Aot, "/basket/" + Shop.ColdUser, Bearer: seed.BasketNeedsToken ? tokens?.Shopper : null),
            "ordering" => new ColdTarget("ordering", Build.Aot, "/order/" + Shop.ColdUser, Bearer: seed.OrderingNeedsToken ? tokens?.Shopper : null),
            "node" => new ColdTarget("product", Build.Node, "/product/" + seed.ProductId),
            _ => throw new ArgumentException($"--program {spec}: not one of hello, getitem, product, product-token, basket, ordering, node"),
        };
        return target with { Folder = folder, Knobs = knobs.Count == 0 ? null : knobs, Variant = label ?? (knobs.Count == 0 && folder is null ? "" : spec) };
    }

    private static string Table(List<ColdResult> results, int starts, CpuHold? hold, string loadBefore, string loadAfter)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        Line($"Cold starts, exec → first 200, {starts} per program, round robin{(hold is null ? "" : $", held to {hold.Label}'s CPU share from exec")}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load {loadBefore} → {loadAfter}. ms; p25–p75 is the spread.");
        md.AppendLine();
        md.AppendLine("| program | n | listen p50 | **first 200 p50** | p25–p75 | min–max | CPU p50 | CPU p25–p75 | RSS p50 (MiB) | ÷ empty API | ÷ GetItem floor |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var empty = results.FirstOrDefault(r => r.Target is { Service: "hello", Variant: "" })?.FirstOk.Median ?? double.NaN;
        var getItem = results.FirstOrDefault(r => r.Target is { Service: "getitem", Variant: "" })?.FirstOk.Median ?? double.NaN;
        foreach (var r in results)
        {
            var first = r.FirstOk;
            var cpu = r.Cpu;
            Line($"| {Report.ProgramName(r.Target)}{(r.Target.Variant.Length == 0 ? "" : " " + r.Target.Variant)}{(r.Target.Bearer is null ? "" : " †")} | {r.Runs.Count}{(r.Failures.Count > 0 ? $" ({r.Failures.Count} failed)" : "")} | {Format.Ms(r.Listen.Median)} | **{Format.Ms(first.Median)}** | {Format.Ms(first.Percentile(25))}–{Format.Ms(first.Percentile(75))} | {Format.Ms(first.Min)}–{Format.Ms(first.Max)} | {Format.Ms(cpu.Median)} | {Format.Ms(cpu.Percentile(25))}–{Format.Ms(cpu.Percentile(75))} | {Format.MiB((long)r.ResidentKiB.Median)} | {Format.Ratio(first.Median / empty)} | {Format.Ratio(first.Median / getItem)} |");
        }

        md.AppendLine();
        md.AppendLine("† with the shopper's bearer token.");
        return md.ToString();
    }
}
