using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ecommerce.LocalCloud;

/// <summary>
/// EventBridge event patterns, as AWS documents them: literals, arrays as "any of", nested objects,
/// prefix, suffix, equals-ignore-case, anything-but, numeric, exists, wildcard, cidr and $or.
/// </summary>
public static class EventPattern
{
    private static readonly string[] Lower = [">", ">="];
    private static readonly string[] Upper = ["<", "<="];

    /// <summary>Parses and checks a pattern; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static JsonObject Parse(string pattern)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(pattern);
        }
        catch (JsonException e)
        {
            throw new FormatException("Event pattern is not valid JSON: " + e.Message, e);
        }

        if (root is not JsonObject rule || rule.Count == 0)
        {
            throw new FormatException("Event pattern must be a non-empty JSON object.");
        }

        CheckObject(rule);
        return rule;
    }

    /// <summary>True when <paramref name="event"/> (the whole envelope) matches <paramref name="pattern"/>.</summary>
    public static bool Matches(JsonObject pattern, JsonNode? @event)
    {
        var fields = @event as JsonObject;
        foreach (var (key, expected) in pattern)
        {
            if (key == "$or")
            {
                if (!expected!.AsArray().Any(alternative => Matches(alternative!.AsObject(), fields)))
                {
                    return false;
                }

                continue;
            }

            JsonNode? actual = null;
            var present = fields is not null && fields.TryGetPropertyValue(key, out actual);
            var matched = expected is JsonObject nested
                ? Matches(nested, actual)
                : MatchesField(expected!.AsArray(), present, actual);
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesField(JsonArray matchers, bool present, JsonNode? actual)
    {
        // An array in the event matches when any of its values does.
        var values = actual is JsonArray array ? [.. array] : new List<JsonNode?> { actual };
        return matchers.Any(matcher => matcher is JsonObject op && op.TryGetPropertyValue("exists", out var exists)
            ? exists!.GetValue<bool>() == present
            : present && values.Any(value => MatchesValue(matcher, value)));
    }

    private static bool MatchesValue(JsonNode? matcher, JsonNode? value)
    {
        if (matcher is not JsonObject op)
        {
            return LiteralEquals(matcher, value);
        }

        var (name, argument) = op.Single();
        var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return name switch
        {
            "prefix" => text is not null && Affix(argument!, text, (t, a, c) => t.StartsWith(a, c)),
            "suffix" => text is not null && Affix(argument!, text, (t, a, c) => t.EndsWith(a, c)),
            "equals-ignore-case" => text is not null && string.Equals(text, argument!.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
            "wildcard" => text is not null && Wildcard(argument!.GetValue<string>()).IsMatch(text),
            "cidr" => text is not null && IPAddress.TryParse(text, out var address) && IPNetwork.Parse(argument!.GetValue<string>()).Contains(address),
            "numeric" => Number(value) is { } number && Numeric(argument!.AsArray(), number),
            "anything-but" => AnythingBut(argument, value, text),
            _ => false,
        };
    }

    private static bool AnythingBut(JsonNode? argument, JsonNode? value, string? text) => argument switch
    {
        JsonArray excluded => !excluded.Any(e => LiteralEquals(e, value)),
        JsonObject op => text is not null && !(op.Single() switch
        {
            ("prefix", var prefix) => text.StartsWith(prefix!.GetValue<string>(), StringComparison.Ordinal),
            ("suffix", var suffix) => text.EndsWith(suffix!.GetValue<string>(), StringComparison.Ordinal),
            ("equals-ignore-case", var words) => OneOrMany(words).Any(w => string.Equals(text, w, StringComparison.OrdinalIgnoreCase)),
            ("wildcard", var wildcards) => OneOrMany(wildcards).Any(w => Wildcard(w).IsMatch(text)),
            _ => true,
        }),
        _ => !LiteralEquals(argument, value),
    };

    private static bool Affix(JsonNode argument, string text, Func<string, string, StringComparison, bool> test) =>
        argument is JsonObject ignoreCase
            ? test(text, ignoreCase["equals-ignore-case"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase)
            : test(text, argument.GetValue<string>(), StringComparison.Ordinal);

    private static bool Numeric(JsonArray comparisons, decimal number)
    {
        for (var i = 0; i < comparisons.Count; i += 2)
        {
            var bound = comparisons[i + 1]!.GetValue<decimal>();
            var holds = comparisons[i]!.GetValue<string>() switch
            {
                "<" => number < bound,
                "<=" => number <= bound,
                "=" => number == bound,
                ">" => number > bound,
                ">=" => number >= bound,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    private static bool LiteralEquals(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        if (expected is not JsonValue || actual is not JsonValue)
        {
            return false;
        }

        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind == JsonValueKind.Number
            ? Number(expected) == Number(actual)
            : expected.ToJsonString() == actual.ToJsonString();
    }

    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static IEnumerable<string> OneOrMany(JsonNode? node) =>
        node is JsonArray many ? many.Select(n => n!.GetValue<string>()) : [node!.GetValue<string>()];

    private static Regex Wildcard(string pattern) =>
        new("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static void CheckObject(JsonObject pattern)
    {
        foreach (var (key, value) in pattern)
        {
            if (key == "$or")
            {
                if (value is not JsonArray alternatives || alternatives.Count < 2 || alternatives.Any(a => a is not JsonObject))
                {
                    throw new FormatException("\"$or\" must be an array of at least two objects.");
                }

                foreach (var alternative in alternatives)
                {
                    CheckObject(alternative!.AsObject());
                }
            }
            else if (value is JsonObject nested)
            {
                CheckObject(nested);
            }
            else if (value is JsonArray matchers && matchers.Count > 0)
            {
                foreach (var matcher in matchers)
                {
                    CheckMatcher(key, matcher);
                }
            }
            else
            {
                throw new FormatException($"\"{key}\" must be an object or a non-empty array.");
            }
        }
    }

    private static void CheckMatcher(string key, JsonNode? matcher)
    {
        if (matcher is null || matcher is JsonValue)
        {
            return;
        }

        if (matcher is not JsonObject op || op.Count != 1)
        {
            throw new FormatException($"Match expressions in \"{key}\" must be literals or objects with one operator.");
        }

        var (name, argument) = op.Single();
        var valid = name switch
        {
            "prefix" or "suffix" => IsString(argument) || (argument is JsonObject o && o.Count == 1 && IsString(o["equals-ignore-case"])),
            "equals-ignore-case" or "wildcard" => IsString(argument),
            "cidr" => IsString(argument) && IPNetwork.TryParse(argument!.GetValue<string>(), out _),
            "exists" => argument?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "numeric" => IsNumericRange(argument),
            "anything-but" => IsAnythingBut(argument),
            _ => throw new FormatException($"Unrecognized match type {name}."),
        };
        if (!valid)
        {
            throw new FormatException($"Invalid argument for \"{name}\" in \"{key}\".");
        }
    }

    private static bool IsAnythingBut(JsonNode? argument) => argument switch
    {
        JsonArray list => list.Count > 0 && list.All(e => e is JsonValue),
        JsonObject op => op.Count == 1 && op.Single() switch
        {
            ("prefix" or "suffix", var text) => IsString(text),
            ("equals-ignore-case" or "wildcard", JsonArray words) => words.Count > 0 && words.All(IsString),
            ("equals-ignore-case" or "wildcard", var word) => IsString(word),
            _ => false,
        },
        _ => argument is JsonValue,
    };

    private static bool IsNumericRange(JsonNode? argument)
    {
        if (argument is not JsonArray range || range.Count is not (2 or 4))
        {
            return false;
        }

        for (var i = 0; i < range.Count; i += 2)
        {
            if (!IsString(range[i]) || range[i]!.GetValue<string>() is not ("<" or "<=" or "=" or ">" or ">=") || Number(range[i + 1]) is null)
            {
                return false;
            }
        }

        // Two comparisons make a range: a lower bound, then an upper one.
        return range.Count == 2
            || (Lower.Contains(range[0]!.GetValue<string>()) && Upper.Contains(range[2]!.GetValue<string>()));
    }

    private static bool IsString(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String;
}
