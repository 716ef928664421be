using System.Text.RegularExpressions;

namespace Ecommerce.Deploy.Tests;

/// <summary>The operator's documents link only to files that a clone of the repository has.</summary>
public sealed partial class DocumentationLinksTests
{
    private static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);

    public static TheoryData<string> Documents => new(
        [
            "deploy/README.md",
            .. Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/')).Order(),
        ]);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_points_at_a_file_inside_the_repository(string document)
    {
        var path = Path.Combine(Root, document);
        var links = MarkdownLink().Matches(File.ReadAllText(path))
            .Select(match => match.Groups["target"].Value)
            .Where(target => !target.StartsWith('#') && !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .ToList();

        foreach (var link in links)
        {
            var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, link.Split('#')[0]));
            Assert.True(target.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{document} links outside the repository: {link}");
            Assert.True(File.Exists(target) || Directory.Exists(target), $"{document} links to a missing file: {link}");
        }
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
