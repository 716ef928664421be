using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ecommerce.LocalCloud.EventBridge;

/// <summary>
/// An EventBridge event pattern, compiled as EventBridge's engine (aws/event-ruler) compiles it: nested keys join
/// with dots into field paths (so <c>{"a":{"b":[..]}}</c> and <c>{"a.b":[..]}</c> are one field), <c>$or</c>
/// multiplies the pattern into alternatives, and each field lists matchers of which one must take a leaf value.
/// An event matches when every field of some alternative has a leaf it takes, all leaves from the same element of
/// any array they share, or no leaf at all where the field allows <c>exists: false</c>.
/// </summary>
public sealed class EventPattern
{
    private const string Or = "$or";

    /// <summary>How events and matchers are read: a key twice in one object is malformed.</summary>
    public static readonly JsonDocumentOptions UniqueKeys = new() { AllowDuplicateProperties = false };

    // Field names EventBridge keeps for itself inside $or.
    private static readonly HashSet<string> Reserved =
    [
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after", "date-on-or-after",
        "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range",
    ];

    private readonly IReadOnlyList<IReadOnlyList<Field>> _alternatives;

    private EventPattern(IReadOnlyList<IReadOnlyList<Field>> alternatives) => _alternatives = alternatives;

    /// <summary>Compiles a pattern; throws <see cref="FormatException"/> with EventBridge's reason when it would refuse it.</summary>
    public static EventPattern Parse(string pattern)
    {
        // A document rather than nodes: a key may come twice, and then the later one counts, as in EventBridge.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(pattern);
        }
        catch (JsonException e)
        {
            throw new FormatException("Event pattern is not valid JSON: " + e.Message, e);
        }

        using (document)
        {
            var root = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement : throw Invalid("Filter is not an object");
            var alternatives = Compile(root, "", [[]], insideOr: false);
            CheckWildcardComplexity(alternatives);
            return new EventPattern([.. alternatives.Select(a => a.Values.ToList())]);
        }
    }

    /// <summary>Why EventBridge refuses a pattern, in its words.</summary>
    public static FormatException Invalid(string reason) => new(reason);

    /// <summary>True when <paramref name="event"/> (the whole envelope) matches.</summary>
    public bool Matches(JsonNode? @event) => Matches(EventLeaves.Of(@event));

    public bool Matches(EventLeaves leaves) => _alternatives.Any(fields => Satisfy(fields, 0, leaves, []));

    // Compiles one object into the alternatives so far; a later field of the same path replaces an earlier one, as in EventBridge.
    private static List<Dictionary<string, Field>> Compile(JsonElement pattern, string path, List<Dictionary<string, Field>> alternatives, bool insideOr)
    {
        if (!pattern.EnumerateObject().Any())
        {
            throw Invalid("Empty objects are not allowed");
        }

        foreach (var (key, value) in pattern.EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            if (key == Or)
            {
                alternatives = CompileOr(value, path, alternatives);
                continue;
            }

            if (insideOr && Reserved.Contains(key))
            {
                throw Invalid($"{key} is Ruler reserved fieldName which cannot be used inside {Or}.");
            }

            var fieldPath = path.Length == 0 ? key : $"{path}.{key}";
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    alternatives = Compile(value, fieldPath, alternatives, insideOr);
                    break;
                case JsonValueKind.Array:
                    var field = new Field(fieldPath, value.GetArrayLength() == 0
                        ? throw Invalid("Empty arrays are not allowed")
                        : [.. value.EnumerateArray().Select(ValueMatcher.Parse)]);
                    alternatives.ForEach(alternative => alternative[fieldPath] = field);
                    break;
                default:
                    throw Invalid($"\"{key}\" must be an object or an array");
            }
        }

        return alternatives;
    }

    private static List<Dictionary<string, Field>> CompileOr(JsonElement value, string path, List<Dictionary<string, Field>> alternatives)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"It must be an Array followed with {Or}.");
        }

        if (value.GetArrayLength() < 2)
        {
            throw Invalid($"There must have at least 2 Objects in {Or} relationship.");
        }

        return [.. value.EnumerateArray().SelectMany(choice => Compile(
            choice.ValueKind == JsonValueKind.Object ? choice : throw Invalid($"Only JSON object is allowed in array of {Or} relationship."),
            path,
            [.. alternatives.Select(a => new Dictionary<string, Field>(a))],
            insideOr: true))];
    }

    private static void CheckWildcardComplexity(List<Dictionary<string, Field>> alternatives)
    {
        var wildcardsByPath = alternatives.SelectMany(a => a.Values)
            .SelectMany(f => f.Matchers.SelectMany(Wildcards).Select(w => (f.Path, Wildcard: w)))
            .GroupBy(w => w.Path, w => w.Wildcard);
        foreach (var wildcards in wildcardsByPath)
        {
            if (WildcardPattern.Complexity([.. wildcards.DistinctBy(w => w.Text)]) > WildcardPattern.MaxComplexity)
            {
                throw Invalid("Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character");
            }
        }
    }

    private static IEnumerable<WildcardPattern> Wildcards(ValueMatcher matcher) => matcher switch
    {
        ValueMatcher.Wildcard wildcard => [wildcard.Pattern],
        ValueMatcher.AnythingBut anythingBut => anythingBut.Excluded.SelectMany(Wildcards),
        _ => [],
    };

    // Depth-first: give each field a leaf consistent with the leaves already chosen.
    private static bool Satisfy(IReadOnlyList<Field> fields, int index, EventLeaves leaves, List<EventLeaf> chosen)
    {
        if (index == fields.Count)
        {
            return true;
        }

        var field = fields[index];
        var candidates = leaves.At(field.Path);
        if (candidates.Count == 0)
        {
            return field.AllowsAbsence && Satisfy(fields, index + 1, leaves, chosen);
        }

        foreach (var leaf in candidates.Where(l => field.Matchers.Any(m => m.Accepts(l.Value)) && chosen.All(c => c.IsConsistentWith(l))))
        {
            chosen.Add(leaf);
            var satisfied = Satisfy(fields, index + 1, leaves, chosen);
            chosen.RemoveAt(chosen.Count - 1);
            if (satisfied)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One field of an alternative: its dotted path and the matchers of which one must take a leaf there.</summary>
    private sealed record Field(string Path, IReadOnlyList<ValueMatcher> Matchers)
    {
        public bool AllowsAbsence { get; } = Matchers.Any(m => m is ValueMatcher.Exists { Present: false });
    }
}

/// <summary>A leaf value of an event (string, number, boolean or null) at its dotted path, with the array elements it lies in.</summary>
public sealed record EventLeaf(string Path, JsonNode? Value, IReadOnlyList<(int Array, int Index)> Elements)
{
    /// <summary>False when the two leaves lie in different elements of one array, which EventBridge never matches together.</summary>
    public bool IsConsistentWith(EventLeaf other) =>
        Elements.All(mine => other.Elements.All(theirs => theirs.Array != mine.Array || theirs.Index == mine.Index));
}

/// <summary>An event flattened as EventBridge matches it: every leaf by dotted path, arrays crushed into their values.</summary>
public sealed class EventLeaves
{
    private readonly Dictionary<string, List<EventLeaf>> _byPath = new(StringComparer.Ordinal);
    private int _arrays;

    private EventLeaves()
    {
    }

    public static EventLeaves Of(JsonNode? @event)
    {
        var leaves = new EventLeaves();
        leaves.Add(@event, "", []);
        return leaves;
    }

    public IReadOnlyList<EventLeaf> At(string path) => _byPath.TryGetValue(path, out var leaves) ? leaves : [];

    private void Add(JsonNode? node, string path, IReadOnlyList<(int Array, int Index)> elements)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach (var (key, value) in fields)
                {
                    Add(value, path.Length == 0 ? key : $"{path}.{key}", elements);
                }

                break;
            case JsonArray items:
                var array = _arrays++;
                for (var i = 0; i < items.Count; i++)
                {
                    Add(items[i], path, [.. elements, (array, i)]);
                }

                break;
            default:
                if (!_byPath.TryGetValue(path, out var atPath))
                {
                    _byPath[path] = atPath = [];
                }

                atPath.Add(new EventLeaf(path, node, elements));
                break;
        }
    }
}
