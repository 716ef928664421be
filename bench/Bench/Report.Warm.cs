using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>Section 2: DynamoDB Local on its own, the services warm, and the Node peer beside Product.</summary>
internal static partial class Report
{
    private static void WriteDirect(RunResults r, StringBuilder md)
    {
        md.AppendLine("## 2. Warm: latency and throughput");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Closed loop: each connection sends its next request when the last answered. Per row: {r.Settings.WarmUp.TotalSeconds:F0} s warm-up at {r.Settings.Connections} connections (not counted), then {r.Settings.SerialDuration.TotalSeconds:F0} s on 1 connection and {r.Settings.LoadDuration.TotalSeconds:F0} s on {r.Settings.Connections}. Times in ms.");
        md.AppendLine();
        md.AppendLine("### 2a. DynamoDB Local on its own: direct GetItem and PutItem");
        md.AppendLine();
        md.AppendLine("The DynamoDB calls the services make (the same request shapes: Product's consistent GetItem, Basket's PutItem of a 2-line basket, and the view read before it that prices the lines), sent by the harness with AWSSDK.DynamoDBv2 and no service in between: through the edge (LocalCloud forwarding to DynamoDB Local, the path every service takes) and straight to DynamoDB Local's own port. These are the local stack's floor, not a service's figures.");
        md.AppendLine();
        md.AppendLine("| call | path | connections | requests | req/s | p50 | p90 | p99 | max | errors |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (call, direct) in new[] { ("GetItem (product)", Warm.DirectGet), ("PutItem (basket)", Warm.DirectPut), ("BatchGetItem (view) + PutItem (basket), one after the other", Warm.DirectPriced) })
        {
            foreach (var (path, label) in new[] { ("through the edge", direct), ("DynamoDB Local's own port", Warm.PastTheEdge(direct)) })
            {
                foreach (var connections in new[] { 1, r.Settings.Connections })
                {
                    if (LoadOf(r, label, connections) is { } l)
                    {
                        md.AppendLine(CultureInfo.InvariantCulture,
                            $"| {call} | {path} | {connections} | {l.Latency.Count} | {Format.Number(l.PerSecond)} | **{Format.Ms(l.Latency.Median)}** | {Format.Ms(l.Latency.Percentile(90))} | **{Format.Ms(l.Latency.Percentile(99))}** | {Format.Ms(l.Latency.Max)} | {l.Errors} |");
                    }
                }
            }
        }

        md.AppendLine();
        foreach (var direct in new[] { Warm.DirectGet, Warm.DirectPut })
        {
            if (LoadOf(r, direct, 1) is { } edge && LoadOf(r, Warm.PastTheEdge(direct), 1) is { } local)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"- The edge's forwarding, {direct[7..]}, 1 connection: {Format.Ms(edge.Latency.Median - local.Latency.Median)} ms at p50, {Format.Ms(edge.Latency.Percentile(99) - local.Latency.Percentile(99))} ms at p99.");
            }
        }

        md.AppendLine();
    }

    private static void WriteWarm(RunResults r, StringBuilder md)
    {
        md.AppendLine("### 2b. The services");
        md.AppendLine();
        md.AppendLine("*CPU/req* is the service process's user+system CPU per request (/proc/<pid>/stat). `GET /product/{id} Node` is the Node peer.");
        md.AppendLine();
        md.AppendLine("| call | connections | requests | req/s | p50 | p90 | p99 | max | errors | CPU/req (ms) |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var l in r.Warm.Loads.Where(l => !l.Label.StartsWith("direct", StringComparison.Ordinal)).Concat(new[] { r.Pipeline.OrderRead }.OfType<LoadResult>()))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {l.Label} | {l.Connections} | {l.Latency.Count} | {Format.Number(l.PerSecond)} | {Format.Ms(l.Latency.Median)} | {Format.Ms(l.Latency.Percentile(90))} | {Format.Ms(l.Latency.Percentile(99))} | {Format.Ms(l.Latency.Max)} | {l.Errors} | {Format.Ms(l.CpuMsPerRequest)} |");
        }

        md.AppendLine();
        md.AppendLine("Service overhead over the direct call through the edge (section 2a), service p50 − direct p50:");
        md.AppendLine();
        foreach (var (service, direct) in new[] { ("GET /product/{id}", Warm.DirectGet), ("POST /basket", Warm.DirectPriced) })
        {
            foreach (var build in new[] { Build.Aot, Build.Jit, Build.Node })
            {
                foreach (var connections in new[] { 1, r.Settings.Connections })
                {
                    var s = LoadOf(r, $"{service} {build}", connections);
                    var d = LoadOf(r, direct, connections);
                    if (s is not null && d is not null)
                    {
                        md.AppendLine(CultureInfo.InvariantCulture,
                            $"- {service} {build}, {connections} connection{(connections == 1 ? "" : "s")}: {Format.Ms(s.Latency.Median - d.Latency.Median)} ms at p50, {Format.Ms(s.Latency.Percentile(99) - d.Latency.Percentile(99))} ms at p99 ({Format.Number(s.PerSecond)} vs {Format.Number(d.PerSecond)} req/s)");
                    }
                }
            }
        }

        md.AppendLine();
        if (r.Warm.SideBySide is { } side)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"The same overheads of the AOT services on one connection, measured side by side (the target's figure): {side.Rounds} rounds of a {side.Window.TotalSeconds:F0} s window of each service and of its direct calls, in an order that turns each round, the overhead taken within each round, so the machine's drift between windows minutes apart does not move it. ms; the median over the rounds of each round's p50, with its spreads (`bench/run.sh --warm-only` takes these alone):");
            md.AppendLine();
            md.Append(side.Table());
            md.AppendLine();
        }
    }

    /// <summary>One line of the comparison: a figure of Product (AOT) and of the Node peer, and which is better.</summary>
    private sealed record Versus(string Metric, double Ours, double Node, bool LowerIsBetter, Func<double, string> Show);

    private static void WriteNodePeer(RunResults r, StringBuilder md)
    {
        md.AppendLine("### 2c. Beside the Node peer: Product (AOT) and the same route in Node");
        md.AppendLine();
        var ours = ColdOf(r, "product", Build.Aot);
        var node = ColdOf(r, "product", Build.Node);
        if (ours is null || node is null)
        {
            md.AppendLine("Not measured in this run: one of the two did not start.");
            md.AppendLine();
            return;
        }

        md.AppendLine("Both answer `GET /product/{id}` with one consistent GetItem through the edge and the same JSON. *Better* is the lower figure (the higher for req/s), named when the two differ by more than 5%.");
        md.AppendLine();
        var rows = new List<Versus>
        {
            new("cold start, exec → first 200, p50 (ms)", ours.FirstOk.Median, node.FirstOk.Median, true, Format.Ms),
            new("cold start, p90 (ms)", ours.FirstOk.Percentile(90), node.FirstOk.Percentile(90), true, Format.Ms),
            new("CPU to first 200, p50 (ms)", ours.Cpu.Median, node.Cpu.Median, true, Format.Ms),
        };
        foreach (var memory in new[] { r.Settings.LambdaMemoryMb, LambdaScale.Memories[^1] }.Distinct())
        {
            foreach (var init in LambdaScale.Holds)
            {
                if (r.Scale.Of("product", Build.Aot, memory, init) is { } a && r.Scale.Of("product", Build.Node, memory, init) is { } b)
                {
                    rows.Add(new($"cold start at {new CpuHold(memory, init).Label}{(init ? "" : ", held")}, p50 (ms)", a.FirstOk.Median, b.FirstOk.Median, true, Format.Ms));
                }
            }
        }

        foreach (var connections in new[] { 1, r.Settings.Connections })
        {
            if (LoadOf(r, "GET /product/{id} Aot", connections) is { } a && LoadOf(r, "GET /product/{id} Node", connections) is { } b)
            {
                var conn = connections == 1 ? "1 connection" : $"{connections} connections";
                rows.Add(new($"warm p50, {conn} (ms)", a.Latency.Median, b.Latency.Median, true, Format.Ms));
                rows.Add(new($"warm p99, {conn} (ms)", a.Latency.Percentile(99), b.Latency.Percentile(99), true, Format.Ms));
                rows.Add(new($"throughput, {conn} (req/s)", a.PerSecond, b.PerSecond, false, v => Format.Number(v)));
                rows.Add(new($"CPU per request, {conn} (ms)", a.CpuMsPerRequest, b.CpuMsPerRequest, true, Format.Ms));
            }
        }

        var ourMemory = r.Warm.Memories.FirstOrDefault(m => m.Label == "product Aot");
        var nodeMemory = r.Warm.Memories.FirstOrDefault(m => m.Label == "product Node");
        rows.Add(new("RSS after the first 200, p50 of the cold starts (MiB)", ours.ResidentKiB.Median / 1024, node.ResidentKiB.Median / 1024, true, v => Format.Number(v, "F1")));
        if (ourMemory is not null && nodeMemory is not null)
        {
            rows.Add(new("RSS after the load (MiB)", ourMemory.AfterLoad / 1024.0, nodeMemory.AfterLoad / 1024.0, true, v => Format.Number(v, "F1")));
        }

        if (r.AotSizes.TryGetValue("product", out var size))
        {
            rows.Add(new("code on disk: the AOT folder / server.mjs + node_modules (MiB; Node itself not counted)", size.Folder / 1048576.0, r.NodePeer.FolderBytes / 1048576.0, true, v => Format.Number(v, "F1")));
        }

        md.AppendLine("| figure | Product (AOT) | Node peer | better |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var row in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Metric} | {row.Show(row.Ours)} | {row.Show(row.Node)} | {Better(row)} |");
        }

        md.AppendLine();
    }

    private static string Better(Versus row)
    {
        if (double.IsNaN(row.Ours) || double.IsNaN(row.Node) || row.Ours <= 0 || row.Node <= 0)
        {
            return "–";
        }

        var ratio = Math.Max(row.Ours, row.Node) / Math.Min(row.Ours, row.Node);
        if (ratio <= 1.05)
        {
            return "even";
        }

        var oursBetter = row.LowerIsBetter ? row.Ours < row.Node : row.Ours > row.Node;
        return Format.Invariant($"{(oursBetter ? "Product (AOT)" : "**Node peer**")}, {ratio:F1}×");
    }
}
