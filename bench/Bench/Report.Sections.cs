using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>Sections 3, 4 and 6: the pipeline, memory and size, and the runtime knobs.</summary>
internal static partial class Report
{
    private static void WritePipeline(RunResults r, StringBuilder md)
    {
        md.AppendLine("## 3. Pipeline: checkout → order");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Basket and Ordering (AOT, Ordering polling the queue: 2 loops, batches of 10, 20 s long polls). Each checkout is a new user with a 2-line basket (created beforehand, not timed). *paced*: {r.Settings.PipelineRate} checkouts/s; *burst*: as fast as {r.Settings.Connections} connections go. The clock runs from sending `POST /basket/checkout` until `GET /order/{{user}}` first lists the order (4 pollers cycle over the pending users). After the last order, 2 s later, every user's orders are counted again: *lost* = none, *duplicated* = more than one. *left* = messages still in OrderQueue / OrderQueueDLQ. A 50-checkout warm-up ran first.");
        md.AppendLine();
        md.AppendLine("| run | checkouts | accepted | orders found | lost | duplicated | checkout 202 p50 / p99 | checkout→order p50 | p90 | **p99** | max | orders/s | left (queue / DLQ) |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var p in r.Pipeline.Results)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Mode} | {p.Checkouts} | {p.Accepted} | {p.Found} | {p.Lost} | {p.Duplicated} | {Format.Ms(p.CheckoutMs.Median)} / {Format.Ms(p.CheckoutMs.Percentile(99))} | {Format.Ms(p.ToOrderMs.Median)} | {Format.Ms(p.ToOrderMs.Percentile(90))} | **{Format.Ms(p.ToOrderMs.Percentile(99))}** | {Format.Ms(p.ToOrderMs.Max)} | {Format.Number(p.OrdersPerSecond, "F1")} | {p.QueueLeft} / {p.DeadLetters} |");
        }

        md.AppendLine();
        md.AppendLine("Times in ms; orders/s = orders found ÷ (last order seen − first checkout sent).");
        md.AppendLine();
        md.AppendLine("CPU time per order (ms) of each process during the run: what the orders/s of a burst is made of on these cores.");
        md.AppendLine();
        foreach (var p in r.Pipeline.Results)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {p.Mode}: {string.Join(", ", p.Cpu.Select(c => $"{c.Process} {Format.Ms(c.CpuMsPerOrder)}"))}; total {Format.Ms(p.Cpu.Sum(c => c.CpuMsPerOrder))} ms per order");
        }

        md.AppendLine();
    }

    private static void WriteMemory(RunResults r, StringBuilder md)
    {
        md.AppendLine("## 4. Memory and size");
        md.AppendLine();
        md.AppendLine("VmRSS (MiB) of each service and of the Node peer (`product Node`): after start (its first DynamoDB-backed 200), after the warm-up, after the load (section 2's runs; for Ordering and the pipeline's Basket, after section 3's runs).");
        md.AppendLine();
        md.AppendLine("| process | after start | after warm-up | after load | of which anonymous (heap, stacks) / file-backed (the binary's pages) |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var m in Memories(r))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {m.Label} | {Format.MiB(m.AfterStart)} | {Format.MiB(m.AfterWarmUp)} | {Format.MiB(m.AfterLoad)} | {Format.MiB(m.AfterLoadParts.Anonymous)} / {Format.MiB(m.AfterLoadParts.File)} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Published sizes (MiB): the AOT binary alone and its whole folder (what the image copies); the JIT folder, which needs the shared ASP.NET Core runtime (~70 MiB more) beside it. The Node peer's server.mjs and node_modules: {Format.MiB(r.NodePeer.FolderBytes / 1024)} MiB, beside Node itself.");
        md.AppendLine();
        md.AppendLine("| program | AOT binary | AOT folder | JIT folder |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var (name, (binary, folder)) in r.AotSizes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Format.MiB(binary / 1024)} | {Format.MiB(folder / 1024)} | {(r.JitSizes.TryGetValue(name, out var jit) ? Format.MiB(jit / 1024) : "–")} |");
        }

        md.AppendLine();
    }

    private static void WriteKnobs(RunResults r, StringBuilder md)
    {
        if (r.Knobs.Count == 0)
        {
            return;
        }

        md.AppendLine("## 6. Profiling: runtime knobs on Product, in this run");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"The same binaries with one `DOTNET_` environment setting each: {r.Settings.KnobStarts} cold starts, then a {r.Settings.WarmUp.TotalSeconds:F0} s warm-up and {r.Settings.SerialDuration.TotalSeconds:F0} s of `GET /product/{{id}}` on {r.Settings.Connections} connections; RSS after that. A Native AOT binary reads `DOTNET_GC…` values as hexadecimal without `0x` (with it, the setting is ignored) and links only the GC it was built with, so `DOTNET_gcServer` is tried on the JIT build alone.");
        md.AppendLine();
        md.AppendLine("| variant | cold first 200 p50 (ms) | min–max | CPU to first 200 p50 (ms) | RSS at start (MiB) | req/s | p50 (ms) | p99 (ms) | CPU/req (ms) | RSS after load (MiB) |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var k in r.Knobs)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {k.Cold.Target.Label} | {Format.Ms(k.Cold.FirstOk.Median)} | {Format.Ms(k.Cold.FirstOk.Min)}–{Format.Ms(k.Cold.FirstOk.Max)} | {Format.Ms(k.Cold.Cpu.Median)} | {Format.MiB((long)k.Cold.ResidentKiB.Median)} | {Format.Number(k.Loaded.PerSecond)} | {Format.Ms(k.Loaded.Latency.Median)} | {Format.Ms(k.Loaded.Latency.Percentile(99))} | {Format.Ms(k.Loaded.CpuMsPerRequest)} | {Format.MiB(k.ResidentAfterLoadKiB)} |");
        }

        md.AppendLine();
    }
}
