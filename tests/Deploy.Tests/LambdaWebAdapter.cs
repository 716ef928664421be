using System.Globalization;

namespace Ecommerce.Deploy.Tests;

/// <summary>How Lambda Web Adapter 1.0.0 reads its settings (src/lib.rs, <c>parse_status_codes</c>), so tests read them the same way.</summary>
public static class LambdaWebAdapter
{
    /// <summary>
    /// Comma-separated codes and inclusive ranges ("500,502-504"), spaces trimmed. An entry that does not
    /// parse is skipped with a warning, never an error, so a typo silently narrows the list.
    /// </summary>
    public static HashSet<int> ParseStatusCodes(string value)
    {
        var codes = new HashSet<int>();
        foreach (var entry in value.Split(',').Select(part => part.Trim()))
        {
            var bounds = entry.Split('-');
            if (bounds.Length == 1 && ushort.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                codes.Add(code);
            }
            else if (bounds.Length == 2
                && ushort.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && ushort.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                codes.UnionWith(Enumerable.Range(first, Math.Max(0, last - first + 1)));
            }
        }

        return codes;
    }
}
