using Ecommerce.Edge;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// What the stack puts in the storefront's bucket: the published Blazor app, or, when it was not
/// published, a placeholder page that says how to publish it.
/// </summary>
/// <param name="PrecompressedExtensions">The extensions of the <c>_framework</c> files that each have a <c>.br</c> and a <c>.gz</c> copy beside them.</param>
public sealed record StorefrontFiles(string Folder, bool IsPlaceholder, IReadOnlyList<string> PrecompressedExtensions)
{
    /// <summary>Blazor's runtime, assemblies and ICU data, every file named by its content hash.</summary>
    public const string FrameworkFolder = "_framework";

    public string? Framework => Directory.Exists(Path.Combine(Folder, FrameworkFolder)) ? Path.Combine(Folder, FrameworkFolder) : null;

    /// <summary>The CSP hashes of index.html's inline scripts: the import map the SDK writes at publish, which changes with every build.</summary>
    public IReadOnlyList<string> InlineScriptHashes => SecurityHeaders.InlineScriptHashes(File.ReadAllText(Path.Combine(Folder, "index.html")));

    /// <param name="path">The publish output's wwwroot, absolute or from the repository root.</param>
    public static StorefrontFiles Find(string path, string repositoryRoot)
    {
        var folder = Path.GetFullPath(path, repositoryRoot);
        return File.Exists(Path.Combine(folder, "index.html"))
            ? new StorefrontFiles(folder, IsPlaceholder: false, PrecompressedExtensionsIn(Path.Combine(folder, FrameworkFolder)))
            : new StorefrontFiles(Path.Combine(repositoryRoot, "deploy", "storefront", "placeholder"), IsPlaceholder: true, []);
    }

    // Only an extension whose every file has both copies may be served compressed: a missing copy would be a broken download.
    private static string[] PrecompressedExtensionsIn(string framework)
    {
        if (!Directory.Exists(framework))
        {
            return [];
        }

        return
        [
            .. Directory.EnumerateFiles(framework, "*", SearchOption.AllDirectories)
                .Where(file => !file.EndsWith(".br", StringComparison.Ordinal) && !file.EndsWith(".gz", StringComparison.Ordinal))
                .GroupBy(file => Path.GetExtension(file).TrimStart('.'))
                .Where(files => files.Key.Length > 0 && files.Key.All(char.IsAsciiLetterOrDigit))
                .Where(files => files.All(file => File.Exists(file + ".br") && File.Exists(file + ".gz")))
                .Select(files => files.Key)
                .Order(StringComparer.Ordinal),
        ];
    }
}
