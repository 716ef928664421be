using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ecommerce.LocalCloud.EventBridge;

/// <summary>
/// An event pattern's wildcard: <c>*</c> matches any run of characters, <c>\*</c> a star and <c>\\</c> a backslash.
/// EventBridge refuses two stars in a row, any other escape, and a field whose wildcards are too costly to match.
/// </summary>
public sealed class WildcardPattern
{
    /// <summary>EventBridge refuses a field whose wildcards more than this many prefixes of can match one value at once.</summary>
    public const int MaxComplexity = 10;

    private const int Star = -1;
    private const int OtherByte = -2;

    private readonly Regex _regex;

    private WildcardPattern(string text, Regex regex, int[] bytes)
    {
        Text = text;
        _regex = regex;
        Bytes = bytes;
    }

    public string Text { get; }

    // The value as EventBridge's engine sees it, between the quotes of its JSON text: UTF-8 bytes, stars as Star.
    private int[] Bytes { get; }

    public static WildcardPattern Parse(string text)
    {
        var regex = new StringBuilder("^");
        var literal = new StringBuilder();
        List<int> bytes = [.. Encoding.UTF8.GetBytes("\"")];
        for (var i = 0; i < text.Length; i++)
        {
            // Positions count UTF-8 bytes of the quoted value, as EventBridge's messages do.
            var position = Encoding.UTF8.GetByteCount(text.AsSpan(0, i)) + 1;
            if (text[i] == '*')
            {
                if (i + 1 < text.Length && text[i + 1] == '*')
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Consecutive wildcard characters at pos {position}"));
                }

                regex.Append(Regex.Escape(literal.ToString())).Append(".*");
                literal.Clear();
                bytes.Add(Star);
                continue;
            }

            if (text[i] == '\\')
            {
                if (i + 1 == text.Length || text[i + 1] is not ('*' or '\\'))
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Invalid escape character at pos {position}"));
                }

                i++;
            }

            literal.Append(text[i]);
            bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()).Select(b => (int)b));
        }

        regex.Append(Regex.Escape(literal.ToString())).Append('$');
        bytes.Add('"');
        return new WildcardPattern(text, new Regex(regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant), [.. bytes]);
    }

    public bool IsMatch(string value) => _regex.IsMatch(value);

    /// <summary>
    /// How costly the patterns of one field are to match, as EventBridge's engine measures it: the most prefixes
    /// of them that one value can match at once. Stops counting past <see cref="MaxComplexity"/>.
    /// </summary>
    public static int Complexity(IReadOnlyCollection<WildcardPattern> patterns)
    {
        var alphabet = patterns.SelectMany(p => p.Bytes).Where(b => b != Star).Append(OtherByte).Distinct().ToList();
        var start = patterns.Select(p => Closure(p.Bytes, [0])).ToList();
        var seen = new HashSet<string> { Key(start) };
        var pending = new Stack<List<SortedSet<int>>>([start]);
        var most = 0;
        // The states are small sets of positions; a bound on them keeps a pathological pattern from running long.
        while (pending.TryPop(out var active) && seen.Count < 20_000)
        {
            most = Math.Max(most, active.Sum(positions => positions.Count(p => p > 0)));
            if (most > MaxComplexity)
            {
                return most;
            }

            foreach (var next in alphabet.Select(b => patterns.Select((p, i) => Step(p.Bytes, active[i], b)).ToList()))
            {
                if (seen.Add(Key(next)))
                {
                    pending.Push(next);
                }
            }
        }

        return most;
    }

    // Position j means the first j tokens are matched; a position just past a star stays on any byte.
    private static SortedSet<int> Step(int[] tokens, SortedSet<int> positions, int input)
    {
        var next = new SortedSet<int>();
        foreach (var j in positions)
        {
            if (j > 0 && tokens[j - 1] == Star)
            {
                next.Add(j);
            }

            if (j < tokens.Length && tokens[j] != Star && tokens[j] == input)
            {
                next.Add(j + 1);
            }
        }

        return Closure(tokens, next);
    }

    private static SortedSet<int> Closure(int[] tokens, IEnumerable<int> positions)
    {
        var closed = new SortedSet<int>();
        foreach (var position in positions)
        {
            for (var j = position; closed.Add(j) && j < tokens.Length && tokens[j] == Star; j++)
            {
            }
        }

        return closed;
    }

    private static string Key(List<SortedSet<int>> state) => string.Join('|', state.Select(s => string.Join(',', s)));
}
