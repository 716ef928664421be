using System.Net;
using System.Text.RegularExpressions;

namespace Ecommerce.Bench;

/// <summary>How many requests one cold process sent to the issuer: by its first 200, and over the warm requests after it.</summary>
internal sealed record IssuerCount(string Label, int UntilFirstOk, int Warm, int WarmRequests, IReadOnlyList<string> Paths);

/// <summary>
/// Counts what a service asks of the token issuer (LocalCloud's discovery document and JWKS under
/// <c>/{pool}/</c>): each AOT binary runs under <c>strace</c>, which records the bytes of every request the
/// process writes to a socket, so the count needs nothing from the issuer or the service. Not timed: tracing
/// slows a start several times over.
/// </summary>
internal static partial class IssuerCalls
{
    public const int WarmRequests = 50;

    public static string? Unavailable { get; private set; }

    public static async Task<List<IssuerCount>> MeasureAsync(Stack stack, Seed seed)
    {
        if (stack.Tokens is not { } tokens)
        {
            Unavailable = "no tokens";
            return [];
        }

        if (!File.Exists("/usr/bin/strace"))
        {
            Unavailable = "strace is not installed (apt-get install strace)";
            return [];
        }

        return
        [
            await CountAsync(stack, "product, anonymous GET /product/{id}", "product", "/product/" + seed.ProductId, bearer: null),
            await CountAsync(stack, "product, GET /product/{id} with a bearer token", "product", "/product/" + seed.ProductId, tokens.Shopper),
            await CountAsync(stack, "basket, GET /basket/{user} with a bearer token", "basket", "/basket/" + Shop.ColdUser, tokens.Shopper),
        ];
    }

    private static async Task<IssuerCount> CountAsync(Stack stack, string label, string service, string path, string? bearer)
    {
        var trace = Path.Combine(Path.GetTempPath(), $"bench-issuer-{Guid.NewGuid():N}.strace");
        try
        {
            // The first count is read from a process stopped right after its first 200, so nothing later mixes in.
            var untilFirstOk = await RunAsync(stack, service, path, bearer, trace, warmRequests: 0);
            var all = await RunAsync(stack, service, path, bearer, trace, WarmRequests);
            return new IssuerCount(label, untilFirstOk.Count, all.Count - untilFirstOk.Count, WarmRequests, all.Distinct().ToList());
        }
        finally
        {
            File.Delete(trace);
        }
    }

    /// <summary>The issuer paths the process requested, in order.</summary>
    private static async Task<List<string>> RunAsync(Stack stack, string service, string path, string? bearer, string trace, int warmRequests)
    {
        File.Delete(trace);
        var port = FreePort.Next();
        var tracer = new[] { "/usr/bin/strace", "-f", "-qq", "-e", "trace=sendto,sendmsg,write,writev", "-s", "200", "-o", trace };
        await using (var child = stack.Launch(service, Build.Aot, port, createResources: false, consumerMode: "Off", knobs: null, tracer: tracer))
        {
            await child.WaitForPortAsync(port, TimeSpan.FromSeconds(60), 20);
            using var http = Shop.NewHttpClient(1, bearer);
            var url = new Uri($"http://127.0.0.1:{port}{path}");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                child.ThrowIfExited();
                using var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{service} under strace: GET {path} answered {(int)response.StatusCode}:\n{child.Tail}");
                }

                await Task.Delay(20);
            }

            for (var i = 0; i < warmRequests; i++)
            {
                using var response = await http.GetAsync(url);
                response.EnsureSuccessStatusCode();
            }

            // Stopped by SIGTERM, so strace writes out what it holds.
            child.Terminate();
            await child.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        var pool = "/" + Tokens.UserPoolId + "/";
        return [.. IssuerRequest().Matches(await File.ReadAllTextAsync(trace)).Select(m => m.Groups["path"].Value).Where(p => p.StartsWith(pool, StringComparison.Ordinal))];
    }

    [GeneratedRegex(@"""GET (?<path>/\S+) HTTP/1\.1\\r\\n")]
    private static partial Regex IssuerRequest();
}
