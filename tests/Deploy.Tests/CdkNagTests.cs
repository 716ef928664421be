using System.Diagnostics;

namespace Ecommerce.Deploy.Tests;

/// <summary>
/// cdk-nag's AwsSolutions pack over each synthesized template (<c>deploy/nag/check.js</c>, the npm package pinned in
/// deploy/package.json): every finding is either fixed or suppressed in <c>deploy/nag/suppressions.js</c> with its reason.
/// </summary>
[Collection(UsesSynthesizedStacks.Name)]
public sealed class CdkNagTests(SynthesizedStacks stacks)
{
    private static readonly string DeployFolder = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "deploy");

    [Fact]
    public async Task The_aws_solutions_pack_finds_nothing_left_in_any_stage()
    {
        foreach (var stack in new[] { stacks.Dev, stacks.Prod, stacks.Prebuilt })
        {
            var (exitCode, output) = await CheckAsync(Path.Combine(stack.OutputDirectory, stack.Stack.StackName + ".template.json"));

            Assert.True(exitCode == 0, $"cdk-nag on {stack.Stack.StackName} ({stack.Settings.Stage}):{Environment.NewLine}{output}");
        }
    }

    [Fact]
    public async Task A_template_the_pack_would_refuse_is_refused()
    {
        var template = Path.Combine(Directory.CreateTempSubdirectory("nag-").FullName, "open.template.json");
        await File.WriteAllTextAsync(template, """{"Resources":{"OpenQueue":{"Type":"AWS::SQS::Queue","Properties":{}}}}""");

        var (exitCode, output) = await CheckAsync(template);

        Assert.Equal(1, exitCode);
        Assert.Contains("AwsSolutions-SQS4", output, StringComparison.Ordinal); // no SSL-only queue policy
        Assert.Contains("AwsSolutions-SQS3", output, StringComparison.Ordinal); // no dead-letter queue
        Directory.Delete(Path.GetDirectoryName(template)!, recursive: true);
    }

    private static async Task<(int ExitCode, string Output)> CheckAsync(string template)
    {
        Assert.True(File.Exists(Path.Combine(DeployFolder, "node_modules", "cdk-nag", "package.json")), "cdk-nag is not installed: run 'npm ci' in deploy/ (build/test.sh does).");
        var start = new ProcessStartInfo("node", [Path.Combine("nag", "check.js"), template])
        {
            WorkingDirectory = DeployFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        return (node.ExitCode, await output + await errors);
    }
}
