using ScottPlot;
using SkiaSharp;

namespace Ecommerce.Bench;

/// <summary>One figure of RESULTS.md: its file under <see cref="Charts.Folder"/>, its title and a one-line reading.</summary>
internal sealed record Chart(string FileName, string Title, string Caption);

/// <summary>Draws the run's figures as SVG with ScottPlot, so a reader looks before reading.</summary>
internal static class Charts
{
    /// <summary>The charts' folder, beside RESULTS.md.</summary>
    public const string Folder = "charts";

    private const int Width = 1100;
    private const int Height = 520;
    private const string FontName = "DejaVu Sans";

    /// <summary>The 1-2-5 steps of a log axis's ticks within a decade.</summary>
    private static readonly int[] Steps = [1, 2, 5];

    private static readonly Color AotColor = Colors.SteelBlue;
    private static readonly Color JitColor = Colors.DarkOrange;
    private static readonly Color NodeColor = Colors.SeaGreen;

    public static List<Chart> Write(RunResults r, string folder)
    {
        Directory.CreateDirectory(folder);
        var charts = new List<Chart>();
        void Save(Chart chart, Action<string> draw)
        {
            draw(Path.Combine(folder, chart.FileName));
            charts.Add(chart);
        }

        Save(new("cold-start.svg", "Cold start per program", "Cold start, exec → first 200, of every start (dots) and their median (bar); log scale. The floors, the services and the Node peer: AOT in blue, JIT in orange, Node in green."), path => ColdStartChart(r, path));
        if (r.Scale.Cold.Count > 0)
        {
            Save(new("cold-start-by-memory.svg", "Cold start against Lambda memory, and what a request costs", "Left: p50 cold start with the process held to memory/1769 of a CPU (thick lines, filled dots: held from exec; thin lines, open dots: init at 1 vCPU, held from the readiness check on); log scale. Right: $ per million warm requests at each memory, estimated from the measured CPU per request."), path => ScaleChart(r, path));
        }

        Save(new("warm-latency.svg", "Warm latency percentiles", "Latency at each percentile on 1 connection (left) and 16 (right): the direct DynamoDB calls through the edge, the services (AOT, JIT) and the Node peer; log scale."), path => WarmChart(r, path));
        if (r.Pipeline.Results.Count > 0)
        {
            Save(new("checkout-to-order.svg", "Checkout → order over the run", "Each checkout's time until its order is listed, against when it was sent: paced (left) and burst (right); the dashed line is the 500 ms bound."), path => PipelineChart(r, path));
        }

        return charts;
    }

    private static void ColdStartChart(RunResults r, string path)
    {
        var plot = NewPlot("Cold start: exec → first 200 (ms, log scale)");
        var ordered = r.Cold.Where(c => c.Runs.Count > 0).OrderBy(c => c.Target.Build).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var color = ColorOf(ordered[i].Target.Build);
            var runs = ordered[i].Runs;
            // A little spread sideways, so starts of the same duration stay apart.
            double[] x = [.. runs.Select((_, k) => i + (((k % 5) - 2) * 0.06))];
            double[] y = [.. runs.Select(run => Math.Log10(run.FirstOkMs))];
            plot.Add.Markers(x, y, MarkerShape.FilledCircle, 6, color.WithAlpha(0.55));

            var median = ordered[i].FirstOk.Median;
            var bar = plot.Add.Line(i - 0.3, Math.Log10(median), i + 0.3, Math.Log10(median));
            bar.LineWidth = 3;
            bar.LineColor = color;
            bar.MarkerSize = 0;
            var label = plot.Add.Text(TickLabel(median), i + 0.32, Math.Log10(median));
            label.LabelAlignment = Alignment.MiddleLeft;
            label.LabelFontSize = 11;
            label.LabelFontColor = color;
        }

        var labels = ordered.Select(c => $"{ShortName(c.Target)}\n{BuildName(c.Target.Build)}").ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. Enumerable.Range(0, ordered.Count).Select(i => (double)i)], labels);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        LogTicks(plot.Axes.Left, ordered.SelectMany(c => c.Runs.Select(run => run.FirstOkMs)));
        plot.Axes.SetLimitsX(-0.6, ordered.Count - 0.2);
        plot.SaveSvg(path, Width, Height);
    }

    private static void ScaleChart(RunResults r, string path)
    {
        var cold = NewPlot("Cold start p50 (ms, log scale) against memory");
        var programs = r.Scale.Cold.Select(c => c.Target with { Hold = null }).Distinct().ToList();
        var x = LambdaScale.Memories.Select(m => Math.Log2(m)).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        var everything = new List<double>();
        for (var i = 0; i < programs.Count; i++)
        {
            var program = programs[i];
            foreach (var init in LambdaScale.Holds)
            {
                var y = LambdaScale.Memories.Select(m => r.Scale.Of(program.Service, program.Build, m, init)?.FirstOk.Median ?? double.NaN).ToArray();
                everything.AddRange(y.Where(v => !double.IsNaN(v)));
                var line = cold.Add.Scatter(x, [.. y.Select(Math.Log10)], palette.GetColor(i));
                // Thin and open for init at 1 vCPU; no dashes, which the SVG canvas cannot draw.
                line.LineWidth = init ? 1 : 2;
                line.MarkerSize = 6;
                line.MarkerShape = init ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
                line.LegendText = init ? "" : ShortName(program);
            }
        }

        MemoryTicks(cold);
        LogTicks(cold.Axes.Left, everything);
        cold.ShowLegend(Edge.Right);

        var cost = NewPlot("$ per million warm requests (estimated)");
        foreach (var (service, warm, name) in Report.CostedRequests(r))
        {
            if (warm is null)
            {
                continue;
            }

            // The service's colour on the left.
            var index = programs.FindIndex(p => p.Service == service && p.Build == Build.Aot);
            var line = cost.Add.Scatter(x, [.. LambdaScale.Memories.Select(m => LambdaCost.RequestsPerMillion(warm, m))], palette.GetColor(Math.Max(0, index)));
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = name;
        }

        MemoryTicks(cost);
        cost.ShowLegend(Alignment.UpperLeft);
        SaveSideBySide(path, cold, cost);
    }

    private static void WarmChart(RunResults r, string path)
    {
        double[] percentiles = [50, 75, 90, 95, 99, 99.9];
        var x = percentiles.Select(p => -Math.Log10(1 - (p / 100))).ToArray();
        // Reads with circles, writes with squares; the direct calls thin and grey.
        var calls = new (string Label, string Legend, Color Color, MarkerShape Shape, float Width)[]
        {
            (Warm.DirectGet, "GetItem, direct", Colors.Gray, MarkerShape.OpenCircle, 1),
            ("GET /product/{id} Aot", "GET /product AOT", AotColor, MarkerShape.FilledCircle, 2),
            ("GET /product/{id} Jit", "GET /product JIT", JitColor, MarkerShape.FilledCircle, 2),
            ("GET /product/{id} Node", "GET /product Node peer", NodeColor, MarkerShape.FilledCircle, 2),
            (Warm.DirectPriced, "BatchGetItem + PutItem, direct", Colors.Gray, MarkerShape.OpenSquare, 1),
            ("POST /basket Aot", "POST /basket AOT", AotColor, MarkerShape.FilledSquare, 2),
            ("POST /basket Jit", "POST /basket JIT", JitColor, MarkerShape.FilledSquare, 2),
        };
        var panels = new List<Plot>();
        foreach (var connections in new[] { 1, r.Settings.Connections })
        {
            var plot = NewPlot($"{connections} connection{(connections == 1 ? "" : "s")}: latency (ms, log scale)");
            var everything = new List<double>();
            foreach (var call in calls)
            {
                if (Report.LoadOf(r, call.Label, connections) is not { Latency.Count: > 0 } load)
                {
                    continue;
                }

                var y = percentiles.Select(p => load.Latency.Percentile(p)).ToArray();
                everything.AddRange(y);
                var line = plot.Add.Scatter(x, [.. y.Select(Math.Log10)], call.Color);
                line.LineWidth = call.Width;
                line.MarkerSize = 6;
                line.MarkerShape = call.Shape;
                line.LegendText = call.Legend;
            }

            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x, [.. percentiles.Select(p => Format.Invariant($"p{p}"))]);
            LogTicks(plot.Axes.Left, everything);
            panels.Add(plot);
        }

        // One legend for both panels, where the curves, rising to the right, leave room.
        panels[0].ShowLegend(Alignment.UpperLeft);

        SaveSideBySide(path, [.. panels]);
    }

    private static void PipelineChart(RunResults r, string path)
    {
        var panels = new List<Plot>();
        foreach (var run in r.Pipeline.Results)
        {
            var plot = NewPlot($"{run.Mode}: checkout → order (ms)");
            double[] sent = [.. run.Timeline.Select(t => t.SentSeconds)];
            double[] toOrder = [.. run.Timeline.Select(t => t.ToOrderMs)];
            var points = plot.Add.ScatterPoints(sent, toOrder, run.Mode == "paced" ? AotColor : JitColor);
            points.MarkerSize = 4;
            plot.Add.HorizontalLine(500, 1, Colors.Red, LinePattern.Dashed);
            plot.Axes.Bottom.Label.Text = "seconds since the first checkout";
            plot.Axes.SetLimitsY(0, Math.Max(550, run.ToOrderMs.Max * 1.05));
            panels.Add(plot);
        }

        SaveSideBySide(path, [.. panels]);
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 14);
        return plot;
    }

    private static void SaveSideBySide(string path, params Plot[] plots)
    {
        var multiplot = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1))
        {
            multiplot.AddPlot(plot);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        using var file = File.Create(path);
        // Disposing the canvas writes the SVG's closing tags.
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), file))
        {
            multiplot.Render(canvas, new PixelRect(0, Width, Height, 0));
        }
    }

    /// <summary>Ticks for an axis whose data are log10 of milliseconds: 1-2-5 steps labelled in ms.</summary>
    private static void LogTicks(IAxis axis, IEnumerable<double> milliseconds)
    {
        var values = milliseconds.Where(v => v > 0 && !double.IsNaN(v)).DefaultIfEmpty(1).ToList();
        var (low, high) = (values.Min(), values.Max());
        var ticks = new List<double>();
        for (var decade = Math.Pow(10, Math.Floor(Math.Log10(low))); decade <= high * 10; decade *= 10)
        {
            ticks.AddRange(Steps.Select(step => step * decade).Where(t => t >= low / 2 && t <= high * 2));
        }

        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks.Select(Math.Log10)], [.. ticks.Select(TickLabel)]);
        axis.Min = Math.Log10(low) - 0.08;
        axis.Max = Math.Log10(high) + 0.08;
    }

    private static void MemoryTicks(Plot plot)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. LambdaScale.Memories.Select(m => Math.Log2(m))],
            [.. LambdaScale.Memories.Select(m => Format.Invariant($"{m} MB\n{Math.Min(100, 100 * m / CpuHold.FullVcpuMb):F0}% vCPU"))]);
        plot.Axes.SetLimitsX(Math.Log2(LambdaScale.Memories[0]) - 0.3, Math.Log2(LambdaScale.Memories[^1]) + 0.3);
    }

    private static string TickLabel(double ms) => ms >= 1 ? Format.Number(ms) : Format.Number(ms, "0.##");

    private static string BuildName(Build build) => build == Build.Node ? "Node" : build.ToString().ToUpperInvariant();

    private static Color ColorOf(Build build) => build switch
    {
        Build.Aot => AotColor,
        Build.Jit => JitColor,
        _ => NodeColor,
    };

    private static string ShortName(ColdTarget target) => target.Service switch
    {
        "hello" => "empty API",
        "getitem" => "GetItem floor",
        _ when target.Build == Build.Node => "Node peer",
        _ => target.Service,
    };
}
