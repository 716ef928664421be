using System.Text.Json;

namespace Ecommerce.Bench;

/// <summary>The Node peer as the run found it.</summary>
internal sealed record NodePeer(long FolderBytes, string SdkVersion);

/// <summary>What was published, on disk: what an image copies.</summary>
internal static class Sizes
{
    public static Dictionary<string, (long Binary, long Folder)> Aot(Layout layout) =>
        Programs.Where(p => File.Exists(layout.Executable(p, Build.Aot)))
            .ToDictionary(p => p, p => (new FileInfo(layout.Executable(p, Build.Aot)).Length, FolderSize(layout.Folder(p, Build.Aot))));

    public static Dictionary<string, long> Jit(Layout layout) =>
        Programs.Where(p => Directory.Exists(layout.Folder(p, Build.Jit))).ToDictionary(p => p, p => FolderSize(layout.Folder(p, Build.Jit)));

    /// <summary>The Node peer's folder (its script and node_modules, without Node itself) and the SDK version it pins.</summary>
    public static NodePeer NodePeer(Layout layout)
    {
        var folder = layout.Folder("product", Build.Node);
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        var sdk = package.RootElement.GetProperty("dependencies").GetProperty("@aws-sdk/client-dynamodb").GetString() ?? "?";
        return new NodePeer(Directory.Exists(folder) ? FolderSize(folder) : 0, sdk);
    }

    private static readonly string[] Programs = ["hello", "getitem", "product", "basket", "ordering"];

    private static long FolderSize(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
