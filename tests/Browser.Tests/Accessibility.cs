using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ecommerce.Browser.Tests;

/// <summary>
/// What a page owes a person with a screen reader or without a mouse, checked where the page stands: axe-core finds no
/// serious or critical violation, and every form field has a &lt;label&gt;.
/// </summary>
public sealed class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    private readonly List<string> _failures = [];

    public async Task CheckAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        foreach (var violation in results.Violations.Where(violation => Blocking.Contains(violation.Impact)))
        {
            var where = string.Join("; ", violation.Nodes.Select(node => node.Html));
            _failures.Add($"{what}: {violation.Impact} {violation.Id} ({violation.Help}) at {where}");
        }

        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(field => field.labels.length === 0)
                .map(field => field.outerHTML)
            """);
        _failures.AddRange(unlabelled.Select(field => $"{what}: a field without a label: {field}"));
    }

    public void AssertNone() => Assert.True(_failures.Count == 0, string.Join(Environment.NewLine, _failures));
}
