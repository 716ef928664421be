using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ecommerce.Deploy.Tests;

/// <summary>
/// Runs a CloudFront viewer-request function's code, as the template carries it, in Node with events of
/// CloudFront's shape (version 1.0: the request's uri and its headers, each header as <c>{ value }</c>).
/// </summary>
public static class CloudFrontFunctionRunner
{
    /// <summary>The uri each request leaves the function with.</summary>
    public static async Task<string[]> RequestUrisAsync(string functionCode, params (string Uri, string? AcceptEncoding)[] requests)
    {
        var events = new JsonArray([.. requests.Select(request => (JsonNode)Event(request.Uri, request.AcceptEncoding))]);
        var script = Path.Combine(Directory.CreateTempSubdirectory("cloudfront-function-").FullName, "run.js");
        await File.WriteAllTextAsync(script, functionCode + """

            const events = JSON.parse(require('fs').readFileSync(0, 'utf8'));
            process.stdout.write(JSON.stringify(events.map(e => handler(e).uri)));
            """);
        try
        {
            var start = new ProcessStartInfo("node", [script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            using var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node");
            await node.StandardInput.WriteAsync(events.ToJsonString());
            node.StandardInput.Close();
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = node.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await node.WaitForExitAsync(deadline.Token);
            Assert.True(node.ExitCode == 0, "node failed: " + await errors);
            return JsonSerializer.Deserialize<string[]>(await output, DeployTestsJsonContext.Default.StringArray)!;
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(script)!, recursive: true);
        }
    }

    private static JsonObject Event(string uri, string? acceptEncoding)
    {
        var headers = new JsonObject { ["host"] = new JsonObject { ["value"] = "d111111abcdef8.cloudfront.net" } };
        if (acceptEncoding is not null)
        {
            headers["accept-encoding"] = new JsonObject { ["value"] = acceptEncoding };
        }

        return new JsonObject
        {
            ["version"] = "1.0",
            ["context"] = new JsonObject { ["eventType"] = "viewer-request" },
            ["viewer"] = new JsonObject { ["ip"] = "198.51.100.7" },
            ["request"] = new JsonObject
            {
                ["method"] = "GET",
                ["uri"] = uri,
                ["querystring"] = new JsonObject(),
                ["headers"] = headers,
                ["cookies"] = new JsonObject(),
            },
        };
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class DeployTestsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
