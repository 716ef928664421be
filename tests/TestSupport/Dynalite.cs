namespace Ecommerce.TestSupport;

/// <summary>dynalite, the in-memory DynamoDB pinned in local/dynalite, as a child process on a free port.</summary>
public static class Dynalite
{
    private static readonly string Folder = RepositoryRoot.Combine("local", "dynalite");
    private static readonly string Cli = Path.Combine(Folder, "node_modules", "dynalite", "cli.js");

    public static async Task<(ChildProcess Process, string Url)> StartAsync()
    {
        await EnsureInstalledAsync();
        var port = FreePort.Next();
        var process = ChildProcess.Start("node", [Cli, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Folder);
        await process.WaitForPortAsync(port, TimeSpan.FromSeconds(30));
        return (process, $"http://127.0.0.1:{port}");
    }

    /// <summary>Installs dynalite from the lock file when a fresh clone has no node_modules yet.</summary>
    public static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Cli))
        {
            return;
        }

        // Test projects run in parallel; the first to get here installs, the others wait for it.
        await using var installLock = await AcquireLockAsync(Path.Combine(Folder, ".install.lock"));
        if (!File.Exists(Cli))
        {
            await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5));
        }
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
