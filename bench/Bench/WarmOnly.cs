using System.Globalization;

namespace Ecommerce.Bench;

/// <summary>
/// bench/run.sh --warm-only: section 2b's side-by-side overheads alone (<see cref="SideBySide"/>), for the AOT
/// services or other builds of them: to weigh one change's warm cost, or to tell it from the machine's drift,
/// in minutes. Prints a table and writes it to <c>artifacts/bench/warm-only.md</c>; RESULTS.md is left alone.
/// </summary>
/// <remarks>
/// <c>--program [label=]name[@folder]</c>, repeatable: <c>name</c> is product (<c>GET /product/{id}</c>, anonymous)
/// or basket (<c>POST /basket</c> with the admin's token); <c>folder</c> another published build of it.
/// <c>--rounds N</c> (10) windows of <c>--window S</c> seconds (3) each.
/// </remarks>
internal static class WarmOnly
{
    public static async Task<int> RunAsync(Stack stack, Seed seed, BenchSettings settings, string[] args)
    {
        var rounds = int.Parse(Arguments.Value(args, "--rounds") ?? "10", CultureInfo.InvariantCulture);
        var window = TimeSpan.FromSeconds(double.Parse(Arguments.Value(args, "--window") ?? "3", CultureInfo.InvariantCulture));
        var specs = Arguments.Values(args, "--program");
        var targets = specs.Count == 0 ? [.. SideBySide.Services] : specs.Select(Parse).ToList();
        if (targets.Select(t => t.Label).Distinct().Count() < targets.Count)
        {
            throw new ArgumentException("--program: two programs share a label; name them (label=name@folder)");
        }

        var load = Machine.LoadAverage();
        var measured = await SideBySide.MeasureAsync(stack, seed.ProductId, settings, targets, rounds, window);
        var table = Format.Invariant($"Warm latency on one connection, {rounds} rounds of {window.TotalSeconds:F0} s per program, every program in each round; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load {load} → {Machine.LoadAverage()}. ms: the median over the rounds of each round's p50, p25–p75 and min–max its spread; the overhead is the service's p50 less its direct calls' p50 in the same round.")
            + "\n\n" + measured.Table();
        Console.WriteLine(table);
        var output = Path.Combine(stack.Layout.Artifacts, "warm-only.md");
        await File.WriteAllTextAsync(output, table);
        Console.WriteLine($"bench: wrote {output}");
        return 0;
    }

    /// <summary><c>[label=]name[@folder]</c> as a target.</summary>
    private static SideBySideTarget Parse(string spec)
    {
        var (label, name, folder) = Arguments.ProgramSpec(spec);
        var service = SideBySide.Services.FirstOrDefault(t => t.Service == name)
            ?? throw new ArgumentException($"--program {spec}: not one of product, basket");
        return service with { Label = label ?? service.Label, Folder = folder };
    }
}
