using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>Sections 1c and 3b: the issuer's part in a cold start, and the catalogue's freshness.</summary>
internal static partial class Report
{
    /// <summary>The issue's bound on the catalogue flow: p99 product change → Basket's view at the steady rate.</summary>
    public const double FreshnessP99BoundMs = 1000;

    private static void WriteIssuer(RunResults r, StringBuilder md)
    {
        md.AppendLine("## 1c. Identity: what a signed-in first request costs");
        md.AppendLine();
        var product = ColdOf(r, "product", Build.Aot);
        var withBearer = r.Cold.FirstOrDefault(c => c is { Target: { Service: "product", Build: Build.Aot, Bearer: not null }, Runs.Count: > 0 });
        var basket = ColdOf(r, "basket", Build.Aot);
        if (product is not null && withBearer is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Cold start (section 1, medians): Product's anonymous `GET /product/{{id}}` {Format.Ms(product.FirstOk.Median)} ms (CPU {Format.Ms(product.Cpu.Median)} ms); the same request with a shopper's bearer token, which JwtBearer validates, so the first request fetches the issuer's keys: {Format.Ms(withBearer.FirstOk.Median)} ms (CPU {Format.Ms(withBearer.Cpu.Median)} ms), **+{Format.Ms(withBearer.FirstOk.Median - product.FirstOk.Median)} ms**; Basket's authenticated `GET /basket/{{user}}` {Format.Ms(basket?.FirstOk.Median ?? double.NaN)} ms. The second request of each: {Format.Ms(product.Second.Median)} / {Format.Ms(withBearer.Second.Median)} / {Format.Ms(basket?.Second.Median ?? double.NaN)} ms.");
            md.AppendLine();
        }

        if (r.IssuerCounts.Count == 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Requests to the issuer were not counted: {IssuerCalls.Unavailable}.");
            md.AppendLine();
            return;
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"Requests each AOT service sent to the issuer (`/{Tokens.UserPoolId}/.well-known/…` and the like, counted from the bytes it wrote to its sockets under `strace`): by its first 200, and over {IssuerCalls.WarmRequests} warm requests after it. The bound: at most one round trip more than the anonymous read, none once warm.");
        md.AppendLine();
        md.AppendLine("| process | issuer requests by the first 200 | over the warm requests | paths |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var c in r.IssuerCounts)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Label} | {c.UntilFirstOk} | {c.Warm} | {(c.Paths.Count == 0 ? "–" : string.Join(", ", c.Paths.Select(p => $"`{p}`")))} |");
        }

        md.AppendLine();
    }

    private static void WriteFreshness(RunResults r, StringBuilder md)
    {
        md.AppendLine("## 3b. Catalogue freshness: product change → Basket's view");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Product and Basket (AOT), each polling as the app host runs them: Product's publisher reads its table's stream through the edge (100 ms rest after an empty read) and puts `ProductChanged` on the bus; the rule sends it to BasketCatalogueQueue; Basket's consumer (2 loops, 20 s long polls) writes its view. The harness creates {r.Freshness.Products} products through `POST /product` (admin token) and waits until the view holds all of them, then changes their prices with `PUT /product/{{id}}`: *steady*, {r.Settings.FreshnessRate} changes/s, open loop, round robin over the products; *burst*, one change to every product at once on 32 connections. The clock runs from sending the PUT until a strongly consistent `BatchGetItem` of `basket-catalogue` (the harness reads the outstanding products in a loop) shows that price or a later one. *lost*: not in the view 30 s after the phase's last change; *refused*: a PUT Product did not accept.");
        md.AppendLine();
        md.AppendLine("| phase | changes | refused | seen | p50 | p90 | **p99** | max | lost | first sent → last seen (s) |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var p in r.Freshness.Phases)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Name} | {p.Sent} | {p.Failed} | {p.Latency.Count} | {Format.Ms(p.Latency.Median)} | {Format.Ms(p.Latency.Percentile(90))} | **{Format.Ms(p.Latency.Percentile(99))}** | {Format.Ms(p.Latency.Max)} | {p.Lost} | {p.Duration.TotalSeconds:F1} |");
        }

        md.AppendLine();
        md.AppendLine("Times in ms.");
        md.AppendLine();
    }

    private static void FlowRows(RunResults r, StringBuilder md)
    {
        var anonymous = r.IssuerCounts.FirstOrDefault(c => c.Label.StartsWith("product, anonymous", StringComparison.Ordinal));
        foreach (var c in r.IssuerCounts.Where(c => c != anonymous))
        {
            var extra = c.UntilFirstOk - (anonymous?.UntilFirstOk ?? 0);
            Row(md, $"{c.Label}: at most 1 issuer request more than the anonymous read by the first 200, none warm", $"{extra} more, {c.Warm} over {c.WarmRequests} warm requests", extra <= 1 && c.Warm == 0);
        }

        foreach (var p in r.Freshness.Phases)
        {
            var p99 = p.Latency.Percentile(99);
            var bounded = p.Name.StartsWith("steady", StringComparison.Ordinal);
            Row(md, $"freshness, {p.Name}: {(bounded ? $"p99 change → view ≤ {FreshnessP99BoundMs:F0} ms, " : "")}none lost", $"p99 {Format.Ms(p99)} ms, {p.Lost} lost, {p.Failed} refused", (!bounded || p99 <= FreshnessP99BoundMs) && p.Lost == 0 && p.Failed == 0);
        }
    }
}
