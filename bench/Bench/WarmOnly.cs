using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>
/// bench/run.sh --warm-only: the one-connection latency of section 2b alone, for the AOT services (or other
/// builds of them) and the DynamoDB calls each makes, made directly. The full run measures the direct calls
/// first and each service minutes later, so a machine that slows in between moves the overhead; here every
/// round measures each program and the direct calls back to back, in an order that turns each round, and a
/// service's overhead is taken within its round. To weigh one change's warm cost, or to tell it from the
/// machine's drift, in minutes. Prints a table and writes it to <c>artifacts/bench/warm-only.md</c>.
/// </summary>
/// <remarks>
/// <c>--program [label=]name[@folder]</c>, repeatable: <c>name</c> is product (<c>GET /product/{id}</c>, anonymous)
/// or basket (<c>POST /basket</c> with the admin's token); <c>folder</c> another published build of it.
/// <c>--rounds N</c> (10) windows of <c>--window S</c> seconds (3) each.
/// </remarks>
internal static class WarmOnly
{
    private sealed record Target(string Label, string Service, string? Folder, string Direct);

    public static async Task<int> RunAsync(Stack stack, Seed seed, BenchSettings settings, string[] args)
    {
        var rounds = int.Parse(Arguments.Value(args, "--rounds") ?? "10", CultureInfo.InvariantCulture);
        var window = TimeSpan.FromSeconds(double.Parse(Arguments.Value(args, "--window") ?? "3", CultureInfo.InvariantCulture));
        var specs = Arguments.Values(args, "--program");
        var targets = (specs.Count == 0 ? ["product", "basket"] : specs).Select(Parse).ToList();
        if (targets.Select(t => t.Label).Distinct().Count() < targets.Count)
        {
            throw new ArgumentException("--program: two programs share a label; name them (label=name@folder)");
        }

        using var dynamo = Shop.NewDynamoClient(stack.EdgeUrl);
        var calls = new Dictionary<string, Load.Call>
        {
            [Warm.DirectGet] = Warm.DirectGetCall(dynamo, seed.ProductId),
            [Warm.DirectPriced] = Warm.DirectPricedCall(dynamo, seed.ProductId),
        };
        var running = new List<Service>();
        var clients = new List<HttpClient>();
        try
        {
            foreach (var target in targets)
            {
                var bearer = target.Service == "basket" ? stack.Tokens?.Admin : null;
                var http = Shop.NewHttpClient(1, bearer);
                clients.Add(http);
                var service = await stack.StartServiceAsync(target.Service, Build.Aot, folder: target.Folder);
                running.Add(service);
                var productPath = "/product/" + seed.ProductId;
                await Shop.WaitOkAsync(http, service, target.Service == "product" ? productPath : "/basket/" + Shop.ColdUser);
                calls[target.Label] = target.Service == "product" ? Warm.Get(http, service, productPath) : Warm.PostBasket(http, service, seed.ProductId);
            }

            var load = Machine.LoadAverage();
            Console.WriteLine($"bench: warm only, {rounds} rounds of {window.TotalSeconds:F0} s on one connection: {string.Join(", ", calls.Keys)}; load {load}");
            foreach (var (label, call) in calls)
            {
                var windows = await Load.WarmUntilSteadyAsync(1, settings.WarmUp, call);
                Console.WriteLine($"bench: {label}: steady after {windows} warm-up window(s)");
            }

            var medians = calls.Keys.ToDictionary(label => label, _ => new List<double>());
            var order = calls.Keys.ToList();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var label in order.Skip(round % order.Count).Concat(order.Take(round % order.Count)))
                {
                    var result = await Load.RunAsync(label, 1, TimeSpan.Zero, window, calls[label]);
                    if (result.Errors > 0)
                    {
                        Console.Error.WriteLine($"bench: {label}: {result.Errors} errors in round {round + 1}");
                        return 1;
                    }

                    medians[label].Add(result.Latency.Median);
                }

                Console.WriteLine($"bench: round {round + 1}: {string.Join(", ", order.Select(l => $"{l} {Format.Ms(medians[l][^1])}"))} ms");
            }

            foreach (var service in running)
            {
                service.Process.ThrowIfExited();
            }

            var table = Table(targets, medians, rounds, window, load, Machine.LoadAverage());
            Console.WriteLine(table);
            var output = Path.Combine(stack.Layout.Artifacts, "warm-only.md");
            await File.WriteAllTextAsync(output, table);
            Console.WriteLine($"bench: wrote {output}");
            return 0;
        }
        finally
        {
            foreach (var service in running)
            {
                await service.DisposeAsync();
            }

            clients.ForEach(http => http.Dispose());
        }
    }

    /// <summary><c>[label=]name[@folder]</c> as a target.</summary>
    private static Target Parse(string spec)
    {
        var label = spec.Contains('=') ? spec[..spec.IndexOf('=')] : null;
        var program = label is null ? spec : spec[(spec.IndexOf('=') + 1)..];
        var folder = program.Contains('@') ? Path.GetFullPath(program[(program.IndexOf('@') + 1)..]) : null;
        var name = folder is null ? program : program[..program.IndexOf('@')];
        return name switch
        {
            "product" => new Target(label ?? "GET /product/{id}", name, folder, Warm.DirectGet),
            "basket" => new Target(label ?? "POST /basket", name, folder, Warm.DirectPriced),
            _ => throw new ArgumentException($"--program {spec}: not one of product, basket"),
        };
    }

    private static string Table(List<Target> targets, Dictionary<string, List<double>> medians, int rounds, TimeSpan window, string loadBefore, string loadAfter)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        Line($"Warm latency on one connection, {rounds} rounds of {window.TotalSeconds:F0} s per program, every program in each round; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load {loadBefore} → {loadAfter}. ms: the median over the rounds of each round's p50, p25–p75 and min–max its spread; the overhead is the service's p50 less its direct calls' p50 in the same round.");
        md.AppendLine();
        md.AppendLine("| program | p50 | p25–p75 | min–max | overhead p50 | overhead p25–p75 | overhead min–max |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var direct in new[] { Warm.DirectGet, Warm.DirectPriced }.Where(d => targets.Any(t => t.Direct == d)))
        {
            var p50 = new Sample(medians[direct]);
            Line($"| {direct} | {Format.Ms(p50.Median)} | {Format.Ms(p50.Percentile(25))}–{Format.Ms(p50.Percentile(75))} | {Format.Ms(p50.Min)}–{Format.Ms(p50.Max)} | | | |");
        }

        foreach (var target in targets)
        {
            var p50 = new Sample(medians[target.Label]);
            var overhead = new Sample(medians[target.Label].Zip(medians[target.Direct], (service, direct) => service - direct));
            Line($"| {target.Label}{(target.Folder is null ? "" : $" ({target.Folder})")} | {Format.Ms(p50.Median)} | {Format.Ms(p50.Percentile(25))}–{Format.Ms(p50.Percentile(75))} | {Format.Ms(p50.Min)}–{Format.Ms(p50.Max)} | **{Format.Ms(overhead.Median)}** | {Format.Ms(overhead.Percentile(25))}–{Format.Ms(overhead.Percentile(75))} | {Format.Ms(overhead.Min)}–{Format.Ms(overhead.Max)} |");
        }

        return md.ToString();
    }
}
