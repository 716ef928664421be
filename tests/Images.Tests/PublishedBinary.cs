using Ecommerce.TestSupport;

namespace Ecommerce.Images.Tests;

/// <summary>
/// A service's Native AOT binary as build/publish.sh leaves it in artifacts/publish. build/test.sh
/// publishes before the tests run; here a binary that is missing or older than its sources is
/// published again, so running this project alone tests what the sources would ship.
/// </summary>
internal static class PublishedBinary
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    private static readonly string[] BuildInputs =
        ["Directory.Build.props", "Directory.Packages.props", "global.json", Path.Combine("build", "publish.sh"), Path.Combine("build", "prerequisites.sh")];

    public static string Rid { get; } = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "linux-arm64",
        _ => "linux-x64",
    };

    /// <summary>The path of the service's executable, published first when it is stale.</summary>
    public static async Task<string> EnsureAsync(string service)
    {
        var executable = RepositoryRoot.Combine("artifacts", "publish", service, Rid, ProjectName(service));

        // The script makes publishes of separate processes take turns; this keeps one process's tests from checking a half-published folder.
        await OneAtATime.WaitAsync();
        try
        {
            if (!File.Exists(executable) || File.GetLastWriteTimeUtc(executable) < NewestInput(service))
            {
                await ChildProcess.RunAsync(
                    "bash", [RepositoryRoot.Combine("build", "publish.sh"), service, Rid["linux-".Length..]], RepositoryRoot.Path, TimeSpan.FromMinutes(15));
            }
        }
        finally
        {
            OneAtATime.Release();
        }

        return File.Exists(executable) ? executable : throw new FileNotFoundException("build/publish.sh left no executable", executable);
    }

    public static string ProjectName(string service) => char.ToUpperInvariant(service[0]) + service[1..];

    /// <summary>The last change to anything the publish reads: the service, Shared, the build settings, the script.</summary>
    private static DateTime NewestInput(string service)
    {
        var files = new[] { ProjectName(service), "Shared" }
            .SelectMany(project => Directory.EnumerateFiles(RepositoryRoot.Combine("services", project), "*", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Concat(BuildInputs.Select(name => RepositoryRoot.Combine(name)))
            .Where(File.Exists);
        return files.Max(File.GetLastWriteTimeUtc);
    }
}
