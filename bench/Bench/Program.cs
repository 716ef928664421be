using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Ecommerce.Bench;

// bench/run.sh publishes what this needs and runs it:
//   Bench --repo <checkout> --artifacts <artifacts/bench> [--quick] [--command "<what was typed>"] [--out bench/RESULTS.md]
//   Bench --repo <checkout> --artifacts <artifacts/bench> --cold-only [--starts N] [--hold MB] [--program SPEC]... (see ColdOnly)
//   Bench --repo <checkout> --artifacts <artifacts/bench> --warm-only [--rounds N] [--window S] [--program SPEC]... (see WarmOnly)
//   Bench --repo <checkout> --artifacts <artifacts/bench> --saga --reconciler <Reconciler.dll> (see Saga)
var options = Arguments.Parse(args);
var settings = new BenchSettings(options.Quick) { LambdaMemoryMb = Arguments.DefaultLambdaMemory(options.Repository) };
var layout = new Layout(options.Repository, options.Artifacts);
var findingsPath = Path.Combine(options.Repository, "bench", "findings.md");
if (args.Contains("--findings"))
{
    var existing = await File.ReadAllTextAsync(options.Output);
    await File.WriteAllTextAsync(options.Output, Report.ReplaceFindings(existing, await File.ReadAllTextAsync(findingsPath)));
    Console.WriteLine($"bench: copied {findingsPath} into {options.Output}");
    return 0;
}

// Whatever ends this process (an error, Ctrl-C, SIGTERM from `timeout`), the processes it started end with it.
AppDomain.CurrentDomain.ProcessExit += (_, _) => Child.KillAll();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Child.KillAll());
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Child.KillAll());

var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var machine = await Machine.DescribeAsync();
Console.WriteLine($"bench: {machine.Cores} cores, {machine.CpuModel}; {(options.Quick ? "quick" : "full")} run");

try
{
    await using var stack = await Stack.StartAsync(layout);
    Console.WriteLine($"bench: edge at {stack.EdgeUrl}; {(stack.Tokens is null ? $"no tokens: {stack.NoTokensReason}" : $"tokens from {stack.Tokens.Issuer}")}; seeding");
    if (args.Contains("--saga"))
    {
        // The order's life under chaos, then the reconciler (Saga); its own services, not the seed below.
        return await Saga.RunAsync(stack, Arguments.Value(args, "--reconciler") ?? throw new InvalidOperationException("--saga needs --reconciler <Reconciler.dll>"));
    }

    var seed = await Shop.SeedAsync(stack);
    var productId = seed.ProductId;
    Console.WriteLine($"bench: without a token Basket answers {(seed.BasketNeedsToken ? "401" : "as before")}, Ordering {(seed.OrderingNeedsToken ? "401" : "as before")}");
    if (args.Contains("--cold-only"))
    {
        return await ColdOnly.RunAsync(stack, seed, args);
    }

    if (args.Contains("--warm-only"))
    {
        return await WarmOnly.RunAsync(stack, seed, settings, args);
    }

    if (args.Contains("--knobs"))
    {
        // Section 6 alone, printed as it goes.
        await Knobs.MeasureAsync(stack, productId, settings);
        return 0;
    }

    if (args.Contains("--freshness"))
    {
        // Section 3b alone, printed as it goes.
        var only = new Freshness(stack, settings);
        await only.RunAsync();
        return only.Phases.All(p => p.Lost == 0 && p.Failed == 0) ? 0 : 1;
    }

    // Other work on a shared machine skews every figure: wait a while for it to pass, and record the load of each phase.
    var quiet = await Machine.WaitForQuietAsync(machine.Cores * 0.75, TimeSpan.FromSeconds(options.Quick ? 10 : 60));
    var loads = new List<(string Phase, string Load)>();
    // Each phase's load average, and when it ended: how long each section takes.
    void Phase(string name)
    {
        loads.Add((Format.Invariant($"{name} ({clock.Elapsed.TotalMinutes:F1} min)"), Machine.LoadAverage()));
        Console.WriteLine($"bench: {loads[^1].Phase}, load {loads[^1].Load}");
    }

    Phase("start" + (quiet ? "" : " (did not quiet down within the wait)"));
    var cold = await ColdStart.MeasureAsync(stack, ColdTargets(seed, stack.Tokens), settings.ColdStarts);
    Phase("after cold starts");
    var issuer = await IssuerCalls.MeasureAsync(stack, seed);
    Phase("after the issuer counts");
    var scale = await LambdaScale.MeasureAsync(stack, ScaleTargets(seed, stack.Tokens), settings.ScaleStarts);
    Phase("after Lambda's scale");
    var warm = new Warm(stack, productId, settings);
    await warm.RunAsync();
    Phase("after warm");
    var pipeline = new Pipeline(stack, productId, settings);
    await pipeline.RunAsync();
    Phase("after pipeline");
    var freshness = new Freshness(stack, settings);
    await freshness.RunAsync();
    Phase("after freshness");
    var knobs = await Knobs.MeasureAsync(stack, productId, settings);
    Phase("end");

    var results = new RunResults(
        machine,
        options.Command,
        settings,
        started,
        clock.Elapsed,
        seed,
        stack.Tokens?.Issuer,
        stack.NoTokensReason,
        cold,
        scale,
        warm,
        pipeline,
        freshness,
        issuer,
        knobs,
        Sizes.Aot(layout),
        Sizes.Jit(layout),
        Sizes.NodePeer(layout),
        loads);
    var charts = Charts.Write(results, Path.Combine(Path.GetDirectoryName(options.Output)!, Charts.Folder));
    var findings = File.Exists(findingsPath) ? await File.ReadAllTextAsync(findingsPath) : "";
    var previous = File.Exists(options.Output) ? await File.ReadAllTextAsync(options.Output) : "";
    await File.WriteAllTextAsync(options.Output, Report.Write(results, findings, charts) + Report.StorefrontSection(previous));
    Console.WriteLine($"bench: wrote {options.Output} in {clock.Elapsed.TotalMinutes:F1} min");
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or Amazon.Runtime.AmazonServiceException)
{
    Console.Error.WriteLine($"bench: failed: {e}");
    return 1;
}
finally
{
    Child.KillAll();
}

// The floors, the services (a shopper's token where a service refuses a read without one) and the Node peer.
static List<ColdTarget> ColdTargets(Seed seed, Tokens? tokens) =>
[
    new("hello", Build.Aot, "/"),
    new("hello", Build.Jit, "/"),
    new("getitem", Build.Aot, "/product/" + seed.ProductId),
    new("getitem", Build.Jit, "/product/" + seed.ProductId),
    new("product", Build.Aot, "/product/" + seed.ProductId),
    new("product", Build.Jit, "/product/" + seed.ProductId),
    // The same anonymous route with a shopper's token: JwtBearer validates it, so the issuer's keys are fetched (section 1c).
    new("product", Build.Aot, "/product/" + seed.ProductId, Variant: "with a bearer token", Bearer: tokens?.Shopper),
    new("basket", Build.Aot, "/basket/" + Shop.ColdUser, Bearer: seed.BasketNeedsToken ? tokens?.Shopper : null),
    new("basket", Build.Jit, "/basket/" + Shop.ColdUser, Bearer: seed.BasketNeedsToken ? tokens?.Shopper : null),
    new("ordering", Build.Aot, "/order/" + Shop.ColdUser, Bearer: seed.OrderingNeedsToken ? tokens?.Shopper : null),
    new("ordering", Build.Jit, "/order/" + Shop.ColdUser, Bearer: seed.OrderingNeedsToken ? tokens?.Shopper : null),
    new("product", Build.Node, "/product/" + seed.ProductId),
];

// What runs on Lambda: the AOT builds, the floors beside them, and the Node peer.
static List<ColdTarget> ScaleTargets(Seed seed, Tokens? tokens) =>
    [.. ColdTargets(seed, tokens).Where(t => t.Build != Build.Jit && t.Variant.Length == 0)];

internal sealed record Arguments(string Repository, string Artifacts, bool Quick, string Command, string Output)
{
    public static Arguments Parse(string[] args)
    {
        var repository = Path.GetFullPath(Value(args, "--repo") ?? ".");
        return new Arguments(
            repository,
            Path.GetFullPath(Value(args, "--artifacts") ?? Path.Combine(repository, "artifacts", "bench")),
            args.Contains("--quick"),
            Value(args, "--command") ?? "bench/run.sh" + (args.Contains("--quick") ? " --quick" : ""),
            Path.GetFullPath(Value(args, "--out") ?? Path.Combine(repository, "bench", "RESULTS.md")));
    }

    /// <summary>A <c>--program</c> value's <c>[label=]name[@folder]</c>, the folder made absolute.</summary>
    public static (string? Label, string Name, string? Folder) ProgramSpec(string head)
    {
        var label = head.Contains('=') ? head[..head.IndexOf('=')] : null;
        var program = label is null ? head : head[(head.IndexOf('=') + 1)..];
        var folder = program.Contains('@') ? Path.GetFullPath(program[(program.IndexOf('@') + 1)..]) : null;
        return (label, folder is null ? program : program[..program.IndexOf('@')], folder);
    }

    /// <summary>The value after the last <paramref name="name"/> in <paramref name="args"/>, if any.</summary>
    public static string? Value(string[] args, string name) => Values(args, name).LastOrDefault();

    /// <summary>The values after every <paramref name="name"/> in <paramref name="args"/> (a repeatable option).</summary>
    public static List<string> Values(string[] args, string name) =>
        [.. args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1])];

    /// <summary>The memory the CDK app gives each function by default, read from its source so the cost line follows it.</summary>
    public static int DefaultLambdaMemory(string repository)
    {
        var source = File.ReadAllText(Path.Combine(repository, "deploy", "DeploySettings.cs"));
        var match = Regex.Match(source, @"DefaultMemorySize\s*=\s*(\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException("DefaultMemorySize not found in deploy/DeploySettings.cs");
    }
}
