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
        // The first process loaded in a row came out 15-30% slower than the same binary loaded again later (the
        // stack's own processes warming up): one load that is not kept goes first.
        await LoadAsync(stack, cold[0].Target, path, settings);
        foreach (var variant in cold)
        {
            var (loaded, resident) = await LoadAsync(stack, variant.Target, path, settings);
            results.Add(new KnobResult(variant, loaded, resident));
            Console.WriteLine($"bench: knob {variant.Target.Label}: cold p50 {Format.Ms(variant.FirstOk.Median)} ms, {Format.Number(loaded.PerSecond)} req/s, RSS {Format.MiB(results[^1].ResidentAfterLoadKiB)} MiB");
        }

        return results;
    }

    /// <summary>Starts the variant, warms it up, and measures a window of load: its figures, and its RSS after.</summary>
    private static async Task<(LoadResult Loaded, long ResidentKiB)> LoadAsync(Stack stack, ColdTarget target, string path, BenchSettings settings)
    {
        using var http = Shop.NewHttpClient(settings.Connections);
        await using var running = await stack.StartServiceAsync("product", target.Build, knobs: target.Knobs);
        await Shop.WaitOkAsync(http, running, path);
        var call = Warm.Get(http, running, path);
        await Load.RunAsync(target.Label, settings.Connections, TimeSpan.Zero, settings.WarmUp, call);
        var loaded = await Warm.MeasureWindowAsync(target.Label, settings.Connections, settings.SerialDuration, call, running.Process);
        running.Process.ThrowIfExited();
        return (loaded, running.Process.ResidentKiB());
    }

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => s.Value);
}
