namespace Ecommerce.Bench;

/// <summary>One runtime setting tried on Product: its cold starts, and its memory and speed under load.</summary>
internal sealed record KnobResult(ColdResult Cold, LoadResult Loaded, long ResidentAfterLoadKiB);

/// <summary>
/// Profiling by experiment: the same Product binary under runtime knobs (GC mode and budget, tiering),
/// each measured in this run beside the default, so a build setting is chosen from figures.
/// </summary>
internal static class Knobs
{
    public static IReadOnlyList<ColdTarget> Variants(string productPath) =>
    [
        new("product", Build.Aot, productPath, Variant: "(as built)"),
        new("product", Build.Aot, productPath, Settings(("DOTNET_gcConcurrent", "0")), "DOTNET_gcConcurrent=0"),
        new("product", Build.Aot, productPath, Settings(("DOTNET_GCgen0size", "400000")), "DOTNET_GCgen0size=400000 (gen0 4 MiB)"),
        new("product", Build.Aot, productPath, Settings(("DOTNET_GCgen0size", "1000000")), "DOTNET_GCgen0size=1000000 (gen0 16 MiB, this machine's default)"),
        new("product", Build.Jit, productPath, Variant: "(as built)"),
        new("product", Build.Jit, productPath, Settings(("DOTNET_gcServer", "1")), "DOTNET_gcServer=1"),
        new("product", Build.Jit, productPath, Settings(("DOTNET_TieredPGO", "0")), "DOTNET_TieredPGO=0"),
        new("product", Build.Jit, productPath, Settings(("DOTNET_TieredCompilation", "0")), "DOTNET_TieredCompilation=0"),
        new("product", Build.Jit, productPath, Settings(("DOTNET_ReadyToRun", "0")), "DOTNET_ReadyToRun=0"),
    ];

    public static async Task<List<KnobResult>> MeasureAsync(Stack stack, string productId, BenchSettings settings)
    {
        var path = "/product/" + productId;
        var cold = await ColdStart.MeasureAsync(stack, Variants(path), settings.KnobStarts);
        var results = new List<KnobResult>();
        foreach (var variant in cold)
        {
            using var http = Shop.NewHttpClient(settings.Connections);
            await using var running = await stack.StartServiceAsync("product", variant.Target.Build, knobs: variant.Target.Knobs);
            await Shop.WaitOkAsync(http, running, path);
            var call = Warm.Get(http, running, path);
            await Load.RunAsync(variant.Target.Label, settings.Connections, TimeSpan.Zero, settings.WarmUp, call);
            var loaded = await Warm.MeasureWindowAsync(variant.Target.Label, settings.Connections, settings.SerialDuration, call, running.Process);
            running.Process.ThrowIfExited();
            results.Add(new KnobResult(variant, loaded, running.Process.ResidentKiB()));
            Console.WriteLine($"bench: knob {variant.Target.Label}: cold p50 {Format.Ms(variant.FirstOk.Median)} ms, {Format.Number(loaded.PerSecond)} req/s, RSS {Format.MiB(results[^1].ResidentAfterLoadKiB)} MiB");
        }

        return results;
    }

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => s.Value);
}
