using Ecommerce.Deploy.Constructs;

namespace Ecommerce.Deploy.Tests;

public sealed class StorefrontFilesTests
{
    private static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);

    [Fact]
    public void A_published_storefront_is_found_by_a_path_from_the_repository_root_or_an_absolute_one()
    {
        using var published = PublishedStorefrontFolder.Create();

        foreach (var path in new[] { published.Path, Path.GetRelativePath(Root, published.Path) })
        {
            var files = StorefrontFiles.Find(path, Root);
            Assert.False(files.IsPlaceholder);
            Assert.Equal(published.Path, files.Folder);
            Assert.Equal(Path.Combine(published.Path, "_framework"), files.Framework);
            // The .pdb has no compressed copies, so it is never served as one.
            Assert.Equal(["dat", "js", "wasm"], files.PrecompressedExtensions);
        }
    }

    [Fact]
    public void Without_a_published_storefront_the_placeholder_page_is_deployed_instead()
    {
        var files = StorefrontFiles.Find(SynthesizedStacks.UnpublishedStorefront, Root);

        Assert.True(files.IsPlaceholder);
        Assert.True(File.Exists(Path.Combine(files.Folder, "index.html")));
        Assert.Null(files.Framework);
        Assert.Empty(files.PrecompressedExtensions);
    }

    [Fact]
    public void A_folder_without_index_html_is_no_published_app()
    {
        var folder = Directory.CreateTempSubdirectory("not-a-storefront-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "_framework"));
            Assert.True(StorefrontFiles.Find(folder, Root).IsPlaceholder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
