using System.Diagnostics;
using System.Text.Json;

namespace Ecommerce.Deploy.Tests;

/// <summary>The README's command, run as a user runs it: the pinned toolkit drives the C# app in a child process.</summary>
public sealed class CdkSynthTests
{
    private static readonly string DeployFolder = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "deploy");

    [Fact]
    public async Task Cdk_synth_succeeds_from_the_deploy_folder_with_the_pinned_toolkit()
    {
        if (!File.Exists(Path.Combine(DeployFolder, "node_modules", "aws-cdk", "package.json")))
        {
            // A fresh clone: install exactly what package-lock.json pins.
            await Run("npm", "ci --no-audit --no-fund", TimeSpan.FromMinutes(5));
        }

        using var packageJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DeployFolder, "package.json")));
        var pinned = packageJson.RootElement.GetProperty("devDependencies").GetProperty("aws-cdk").GetString()!;
        Assert.Matches(@"^\d+\.\d+\.\d+$", pinned);
        Assert.StartsWith(pinned + " ", await Run("npx", "cdk --version", TimeSpan.FromMinutes(1)), StringComparison.Ordinal);

        var output = Directory.CreateTempSubdirectory("cdk-synth-").FullName;
        try
        {
            await Run("npx", $"cdk synth --quiet --no-notices --output {output}", TimeSpan.FromMinutes(5));

            using var template = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "Ecommerce-dev.template.json")));
            Assert.True(template.RootElement.GetProperty("Outputs").TryGetProperty("ApiUrl", out _));
            Assert.True(template.RootElement.GetProperty("Outputs").TryGetProperty("StorefrontUrl", out _));

            // Five image builds, and the storefront's files (published or the placeholder) with config.json.
            using var assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "Ecommerce-dev.assets.json")));
            Assert.Equal(5, assets.RootElement.GetProperty("dockerImages").EnumerateObject().Count());
            Assert.Contains(Directory.EnumerateDirectories(output, "asset.*"), dir => File.Exists(Path.Combine(dir, "index.html")));
            Assert.Contains(Directory.EnumerateDirectories(output, "asset.*"), dir => File.Exists(Path.Combine(dir, "config.json")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<string> Run(string fileName, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = DeployFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Node 20 is past its end of life; the toolkit's banner about it is noise here.
        start.Environment["JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {arguments} ran longer than {timeout}.");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"{fileName} {arguments} exited {process.ExitCode}:\n{output}\n{await stderr}");
        return output;
    }
}
