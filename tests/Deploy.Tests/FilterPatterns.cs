using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ecommerce.Deploy.Tests;

/// <summary>
/// The part of CloudWatch Logs' filter pattern syntax the stack uses: a JSON pattern of equalities joined
/// with <c>&amp;&amp;</c> (a string value's <c>*</c> matching any run of characters), and a list of quoted terms
/// that must all appear in the event.
/// </summary>
public static partial class FilterPatterns
{
    public static bool Matches(string pattern, string logEvent)
    {
        if (!pattern.TrimStart().StartsWith('{'))
        {
            var terms = QuotedTerm().Matches(pattern).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(terms);
            return terms.All(term => logEvent.Contains(term, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("||", pattern, StringComparison.Ordinal);
        var conditions = JsonEquality().Matches(pattern);
        Assert.Equal(pattern.Split("&&").Length, conditions.Count);

        using var json = JsonDocument.Parse(logEvent);
        return conditions.All(condition => Holds(json.RootElement, condition.Groups["path"].Value, condition.Groups["value"].Value));
    }

    private static bool Holds(JsonElement root, string path, string expected)
    {
        var node = root;
        foreach (var name in path.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return false;
            }
        }

        if (!expected.StartsWith('"'))
        {
            return node.ValueKind == JsonValueKind.Number && node.GetDecimal() == decimal.Parse(expected, CultureInfo.InvariantCulture);
        }

        var wildcard = "^" + Regex.Escape(expected.Trim('"')).Replace(@"\*", ".*", StringComparison.Ordinal) + "$";
        return node.ValueKind == JsonValueKind.String && Regex.IsMatch(node.GetString()!, wildcard, RegexOptions.Singleline);
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedTerm();

    [GeneratedRegex(@"\(?\$\.(?<path>[A-Za-z0-9_.]+) = (?<value>""[^""]*""|-?[0-9]+)\)?")]
    private static partial Regex JsonEquality();
}
