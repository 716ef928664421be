namespace Ecommerce.Deploy.Tests;

/// <summary>
/// A folder laid out as <c>dotnet publish</c> of a Blazor WebAssembly app (.NET 10) lays out its wwwroot:
/// pages and styles at the root, and under <c>_framework</c> the runtime, assemblies (.wasm) and ICU data
/// (.dat), each named by its hash with a Brotli and a gzip copy beside it.
/// </summary>
public sealed class PublishedStorefrontFolder : IDisposable
{
    public static readonly string[] PageFiles = ["index.html", "favicon.png", "css/app.css", "Storefront.styles.css"];

    /// <summary>Each with .br and .gz beside it, as Blazor publishes them.</summary>
    public static readonly string[] CompressedFrameworkFiles =
    [
        "dotnet.g2knzw53ov.js",
        "dotnet.native.rw4kynp763.wasm",
        "System.Private.CoreLib.hf5ynivft9.wasm",
        "icudt_EFIGS.tptq2av103.dat",
        "de/Storefront.resources.q1w2e3r4t5.wasm",
    ];

    /// <summary>The import map the SDK writes into the published index.html, the one inline script the shop's policy allows.</summary>
    public const string ImportMap = """{"imports":{"./_framework/dotnet.js":"./_framework/dotnet.g2knzw53ov.js"}}""";

    /// <summary>A file published without compressed copies, so it must be served as it is.</summary>
    public const string UncompressedFrameworkFile = "Storefront.ggatwonf2a.pdb";

    private PublishedStorefrontFolder(string path) => Path = path;

    public string Path { get; }

    public static PublishedStorefrontFolder Create()
    {
        var folder = new PublishedStorefrontFolder(Directory.CreateTempSubdirectory("storefront-wwwroot-").FullName);
        foreach (var page in PageFiles)
        {
            folder.Write(page);
        }

        File.WriteAllText(System.IO.Path.Combine(folder.Path, "index.html"),
            $"""<html><head><script type="importmap">{ImportMap}</script></head><body><script src="_framework/blazor.webassembly.js"></script></body></html>""");

        // Pages get compressed copies too; the stack leaves those to CloudFront's own compression.
        folder.Write("index.html.br");
        folder.Write("index.html.gz");
        foreach (var file in CompressedFrameworkFiles.Select(file => "_framework/" + file))
        {
            folder.Write(file);
            folder.Write(file + ".br");
            folder.Write(file + ".gz");
        }

        folder.Write("_framework/" + UncompressedFrameworkFile);
        return folder;
    }

    private void Write(string relativePath)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, relativePath);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
