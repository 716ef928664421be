using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>A service measured side by side with its direct calls: its label, its build, and the direct calls' label.</summary>
internal sealed record SideBySideTarget(string Label, string Service, string? Folder, string Direct);

/// <summary>
/// The AOT services' warm latency on one connection beside the DynamoDB calls each makes, made directly. A
/// service's overhead over its calls is their difference, and measured apart, minutes from each other, it moves
/// with the machine; here every round takes a window of each program and of the direct calls back to back, in an
/// order that turns each round, and the overhead is taken within the round: each program's p50 in every round.
/// </summary>
internal sealed record SideBySide(IReadOnlyList<SideBySideTarget> Targets, IReadOnlyDictionary<string, List<double>> Medians, int Rounds, TimeSpan Window)
{
    /// <summary>The AOT services of section 2b, as the full run measures them side by side.</summary>
    public static readonly IReadOnlyList<SideBySideTarget> Services =
    [
        new("GET /product/{id}", "product", null, Warm.DirectGet),
        new("POST /basket", "basket", null, Warm.DirectPriced),
    ];

    public Sample P50(string label) => new(Medians[label]);

    public Sample Overhead(SideBySideTarget target) => new(Medians[target.Label].Zip(Medians[target.Direct], (service, direct) => service - direct));

    /// <summary>
    /// Starts each target, warms every call until steady on one connection, then takes <paramref name="rounds"/>
    /// rounds of a <paramref name="window"/> of each program and of the direct calls, in an order that turns each round.
    /// </summary>
    public static async Task<SideBySide> MeasureAsync(Stack stack, string productId, BenchSettings settings, IReadOnlyList<SideBySideTarget> targets, int rounds, TimeSpan window)
    {
        using var dynamo = Shop.NewDynamoClient(stack.EdgeUrl);
        var calls = new Dictionary<string, Load.Call>();
        foreach (var direct in targets.Select(t => t.Direct).Distinct())
        {
            calls[direct] = direct == Warm.DirectGet ? Warm.DirectGetCall(dynamo, productId) : Warm.DirectPricedCall(dynamo, productId);
        }

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
                var productPath = "/product/" + productId;
                await Shop.WaitOkAsync(http, service, target.Service == "product" ? productPath : "/basket/" + Shop.ColdUser);
                calls[target.Label] = target.Service == "product" ? Warm.Get(http, service, productPath) : Warm.PostBasket(http, service, productId);
            }

            Console.WriteLine($"bench: side by side, {rounds} rounds of {window.TotalSeconds:F0} s on one connection: {string.Join(", ", calls.Keys)}");
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
                        throw new InvalidOperationException($"{label}: {result.Errors} errors in round {round + 1} of the side-by-side windows");
                    }

                    medians[label].Add(result.Latency.Median);
                }

                Console.WriteLine($"bench: round {round + 1}: {string.Join(", ", order.Select(l => $"{l} {Format.Ms(medians[l][^1])}"))} ms");
            }

            running.ForEach(service => service.Process.ThrowIfExited());
            return new SideBySide(targets, medians, rounds, window);
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

    /// <summary>The rounds as a table: each program's p50 and each service's overhead, with their spreads.</summary>
    public string Table()
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        md.AppendLine("| program | p50 | p25–p75 | min–max | overhead p50 | overhead p25–p75 | overhead min–max |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var direct in Targets.Select(t => t.Direct).Distinct())
        {
            Line($"| {direct} | {Spread(P50(direct), bold: false)} | | | |");
        }

        foreach (var target in Targets)
        {
            Line($"| {target.Label}{(target.Folder is null ? "" : $" ({target.Folder})")} | {Spread(P50(target.Label), bold: false)} | {Spread(Overhead(target), bold: true)} |");
        }

        return md.ToString();
    }

    /// <summary>Three cells: the median, p25–p75 and min–max.</summary>
    private static string Spread(Sample sample, bool bold) =>
        $"{(bold ? "**" : "")}{Format.Ms(sample.Median)}{(bold ? "**" : "")} | {Format.Ms(sample.Percentile(25))}–{Format.Ms(sample.Percentile(75))} | {Format.Ms(sample.Min)}–{Format.Ms(sample.Max)}";
}
