using System.Diagnostics;
using Amazon.CDK;

namespace Ecommerce.Deploy.Tests;

/// <summary>
/// build/push.sh as a pipeline runs it, minus Docker and AWS: the arguments, the tag it computes, the
/// commands of a dry run and the URI it prints. Any real <c>docker</c> or <c>aws</c> call would trip a
/// wire put first on the PATH.
/// </summary>
public sealed class PushScriptTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);

    private readonly DirectoryInfo _tripwires = Directory.CreateTempSubdirectory("push-tripwires-");

    public PushScriptTests()
    {
        foreach (var tool in new[] { "docker", "aws" })
        {
            var path = Path.Combine(_tripwires.FullName, tool);
            File.WriteAllText(path, $"#!/bin/sh\ntouch \"{_tripwires.FullName}/{tool}.called\"\nexit 97\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public void Dispose() => _tripwires.Delete(recursive: true);

    [Theory]
    [InlineData("product", "x64")]
    [InlineData("basket arm64", "arm64")]
    [InlineData("arm64 ordering", "arm64")]
    [InlineData("inventory", "x64")]
    [InlineData("payment arm64", "arm64")]
    public void The_tag_is_the_commit_and_the_cpu(string arguments, string cpu)
    {
        var commit = Git(Root, "rev-parse --short=12 HEAD");

        var (exit, tag, _) = Push(Root, arguments + " --print-tag");

        Assert.Equal(0, exit);
        Assert.Matches($"^{commit}-{cpu}(-dirty)?$", tag);
        AssertNeitherDockerNorAwsRan();
    }

    [Theory]
    [InlineData("eu-west-1", "amazonaws.com", "aws")]
    [InlineData("cn-north-1", "amazonaws.com.cn", "aws-cn")]
    public void A_dry_run_prints_every_command_and_the_uri_and_runs_nothing(string region, string domain, string partition)
    {
        var (_, tag, _) = Push(Root, "ordering arm64 --print-tag");

        var (exit, uri, commands) = Push(Root, "ordering arm64 --dry-run", new() { ["AWS_REGION"] = region });

        Assert.Equal(0, exit);
        Assert.Equal($"123456789012.dkr.ecr.{region}.{domain}/ecommerce/ordering:{tag}", uri);
        Assert.Contains("aws ecr create-repository --region " + region + " --repository-name ecommerce/ordering --image-tag-mutability IMMUTABLE", commands, StringComparison.Ordinal);
        Assert.Contains($"arn:{partition}:lambda:{region}:123456789012:function:*", commands, StringComparison.Ordinal);
        Assert.Contains($"aws ecr get-login-password --region {region} | docker login --username AWS --password-stdin 123456789012.dkr.ecr.{region}.{domain}", commands, StringComparison.Ordinal);
        Assert.Contains($"docker build --platform linux/arm64 --provenance=false --sbom=false -f Dockerfile.ordering -t {uri} .", commands, StringComparison.Ordinal);
        Assert.Contains("docker push " + uri, commands, StringComparison.Ordinal);
        AssertNeitherDockerNorAwsRan();
    }

    [Fact]
    public void The_uri_it_prints_is_one_the_cdk_app_takes_for_a_function_on_that_cpu()
    {
        var (_, uri, _) = Push(Root, "product arm64 --dry-run");

        var context = new Dictionary<string, object> { [DeploySettings.ProductImageKey] = uri, [DeploySettings.ArchitectureKey] = "arm64" };
        var settings = DeploySettings.FromContext(new App(new AppProps { Context = context }).Node);

        Assert.Equal(uri, settings.Images.Product);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--print-tag")]
    [InlineData("catalogue --print-tag")]
    [InlineData("product sparc --print-tag")]
    [InlineData("product basket --print-tag")]
    [InlineData("product x64 arm64 --print-tag")]
    public void Wrong_arguments_are_refused_with_the_usage(string arguments)
    {
        var (exit, output, errors) = Push(Root, arguments);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("usage: build/push.sh <product|basket|ordering|inventory|payment> [x64|arm64]", errors, StringComparison.Ordinal);
        AssertNeitherDockerNorAwsRan();
    }

    [Fact]
    public void Uncommitted_image_inputs_mark_the_tag_dirty_and_stop_a_real_push_before_docker_or_aws()
    {
        using var clone = new ScratchRepository();
        var commit = Git(clone.Path, "rev-parse --short=12 HEAD");
        Assert.Equal(commit + "-x64", Push(clone.Path, "product --print-tag").Output);

        // Outside the image's inputs: the tag still says what the image holds.
        File.WriteAllText(Path.Combine(clone.Path, "NOTES.md"), "not in the image");
        Assert.Equal(commit + "-x64", Push(clone.Path, "product --print-tag").Output);

        File.WriteAllText(Path.Combine(clone.Path, "services", "Added.cs"), "// new, uncommitted");
        Assert.Equal(commit + "-x64-dirty", Push(clone.Path, "product --print-tag").Output);

        var (exit, output, errors) = Push(clone.Path, "product");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("uncommitted changes", errors, StringComparison.Ordinal);
        AssertNeitherDockerNorAwsRan();
    }

    private void AssertNeitherDockerNorAwsRan() =>
        Assert.Empty(Directory.EnumerateFiles(_tripwires.FullName, "*.called"));

    private (int Exit, string Output, string Errors) Push(string repository, string arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", $"build/push.sh {arguments}")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = _tripwires.FullName + ":" + System.Environment.GetEnvironmentVariable("PATH");
        start.Environment["AWS_ACCOUNT_ID"] = "123456789012";
        start.Environment["AWS_REGION"] = "eu-west-1";
        start.Environment.Remove("AWS_DEFAULT_REGION");
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "build/push.sh ran longer than 30 s");
        return (process.ExitCode, output.Result.Trim(), errors.Result.Trim());
    }

    private static string Git(string repository, string arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {arguments}: {process.StandardError.ReadToEnd()}");
        return output.Trim();
    }

    /// <summary>A fresh repository with the script, a Dockerfile and a service file, all committed.</summary>
    private sealed class ScratchRepository : IDisposable
    {
        public ScratchRepository()
        {
            Path = Directory.CreateTempSubdirectory("push-repo-").FullName;
            Directory.CreateDirectory(System.IO.Path.Combine(Path, "build"));
            Directory.CreateDirectory(System.IO.Path.Combine(Path, "services"));
            File.Copy(System.IO.Path.Combine(Root, "build", "push.sh"), System.IO.Path.Combine(Path, "build", "push.sh"));
            File.WriteAllText(System.IO.Path.Combine(Path, "Dockerfile.product"), "FROM scratch\n");
            File.WriteAllText(System.IO.Path.Combine(Path, "services", "Product.cs"), "// a service\n");
            Git(Path, "init --quiet");
            Git(Path, "add .");
            Git(Path, "-c user.name=test -c user.email=test@example.com commit --quiet -m initial");
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
