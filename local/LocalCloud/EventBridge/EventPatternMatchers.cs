using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ecommerce.LocalCloud.EventBridge;

/// <summary>
/// One entry of a field's array in an event pattern: a literal or an operator (prefix, numeric, anything-but...),
/// tried against one leaf value of the event. Parsing refuses what EventBridge refuses, in its words.
/// </summary>
public abstract partial record ValueMatcher
{
    private static readonly HashSet<string> AnythingButOperators = ["equals-ignore-case", "prefix", "suffix", "wildcard"];

    /// <summary>True when the leaf value (a string, number, boolean or null) satisfies this matcher.</summary>
    public abstract bool Accepts(JsonNode? value);

    public static ValueMatcher Parse(JsonElement element)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(element.GetRawText(), documentOptions: EventPattern.UniqueKeys);
        }
        catch (JsonException)
        {
            throw Invalid("Only one key allowed in match expression");
        }

        return Parse(node);
    }

    private static ValueMatcher Parse(JsonNode? node) => node switch
    {
        null or JsonValue => new Literal(node),
        JsonObject { Count: 0 } => throw Invalid("Match expression name not found"),
        JsonObject { Count: > 1 } => throw Invalid("Only one key allowed in match expression"),
        JsonObject op => Operator(op.First().Key, op.First().Value),
        _ => throw Invalid("Match value must be String, number, true, false, or null"),
    };

    private static FormatException Invalid(string reason) => EventPattern.Invalid(reason);

    private static ValueMatcher Operator(string name, JsonNode? argument) => name switch
    {
        "prefix" => new Prefix(Affix(argument, name), IsIgnoreCase(argument)),
        "suffix" => new Suffix(Affix(argument, name), IsIgnoreCase(argument)),
        "equals-ignore-case" => new EqualsIgnoreCase(StringValue(argument) ?? throw Invalid("equals-ignore-case match pattern must be a string")),
        "wildcard" => new Wildcard(WildcardPattern.Parse(StringValue(argument) ?? throw Invalid("wildcard match pattern must be a string"))),
        // EventBridge names the wrong kind of CIDR value as it names a prefix's.
        "cidr" => new Cidr(CidrNetwork(StringValue(argument) ?? throw Invalid("prefix match pattern must be a string"))),
        "exists" => new Exists(argument?.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid("exists match pattern must be either true or false."),
        }),
        "numeric" => Numeric.Parse(argument as JsonArray ?? throw Invalid("Value of numeric must be an array.")),
        "anything-but" => ParseAnythingBut(argument),
        _ => throw Invalid($"Unrecognized match type {name}"),
    };

    private static string? StringValue(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private static bool IsIgnoreCase(JsonNode? argument) => argument is JsonObject;

    // A prefix or suffix is a string, or {"equals-ignore-case": string}.
    private static string Affix(JsonNode? argument, string name)
    {
        if (argument is not JsonObject ignoreCase)
        {
            return StringValue(argument) ?? throw Invalid($"{name} match pattern must be a string");
        }

        var (key, value) = ignoreCase.Count == 1 ? ignoreCase.First() : throw Invalid("Only one key allowed in match expression");
        return key != "equals-ignore-case" ? throw Invalid($"Unsupported {name} pattern: {key}")
            : StringValue(value) ?? throw Invalid("equals-ignore-case match pattern must be a string");
    }

    private static AnythingBut ParseAnythingBut(JsonNode? argument)
    {
        if (argument is JsonObject op)
        {
            var (name, values) = op.Count switch
            {
                0 => throw Invalid("Anything-But expression name not found"),
                1 => op.First(),
                _ => throw Invalid("Only one key allowed in match expression"),
            };
            if (!AnythingButOperators.Contains(name))
            {
                throw Invalid($"Unsupported anything-but pattern: {name}");
            }

            var items = values switch
            {
                JsonArray list => [.. list],
                JsonValue value when value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number => new List<JsonNode?> { value },
                _ => throw Invalid("Value of anything-but must be an array or single string/number value."),
            };
            return new AnythingBut([.. items.Select(item => AnythingButOf(name, item))]);
        }

        switch (argument)
        {
            case JsonArray list:
                var kinds = list.Select(item => item?.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
                    ? item.GetValueKind()
                    : throw Invalid("Inside anything but list, start|null|boolean is not supported.")).Distinct().Count();
                return kinds == 1 ? new AnythingBut([.. list.Select(item => new Literal(item))])
                    : throw Invalid("Inside anything but list, either all values are number or string, mixed type is not supported");
            case JsonValue value when value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number:
                return new AnythingBut([new Literal(value)]);
            default:
                throw Invalid("Value of anything-but must be an array or single string/number value.");
        }
    }

    private static ValueMatcher AnythingButOf(string name, JsonNode? item)
    {
        var text = StringValue(item) ?? throw Invalid(name switch
        {
            "equals-ignore-case" => "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
            "wildcard" => "wildcard match pattern must be a string",
            _ => "prefix/suffix match pattern must be a string",
        });
        return name switch
        {
            "prefix" or "suffix" when text.Length == 0 => throw Invalid("Null prefix/suffix not allowed"),
            "prefix" => new Prefix(text, IgnoreCase: false),
            "suffix" => new Suffix(text, IgnoreCase: false),
            "equals-ignore-case" => new EqualsIgnoreCase(text),
            _ => new Wildcard(WildcardPattern.Parse(text)),
        };
    }

    private static IPNetwork CidrNetwork(string cidr)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2)
        {
            throw Invalid("Malformed CIDR, one '/' required");
        }

        if (!int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bits))
        {
            throw Invalid("Malformed CIDR, mask bits must be an integer");
        }

        if (bits < 0)
        {
            throw Invalid("Malformed CIDR, mask bits must not be negative");
        }

        var address = Address(parts[0]) ?? throw Invalid($"Nonstandard IP address: {parts[0]}");
        var width = address.GetAddressBytes().Length * 8;
        return bits >= width ? throw Invalid($"{(width == 32 ? "IPv4" : "IPv6")} mask bits must be < {width}")
            : new IPNetwork(Masked(address, bits), bits);
    }

    /// <summary>An address written as EventBridge takes one: four decimal parts, or hex groups and colons.</summary>
    private static IPAddress? Address(string? text) =>
        text is not null && StandardAddress().IsMatch(text) && IPAddress.TryParse(text, out var address) ? address : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^([0-9]+\.[0-9]+\.[0-9]+\.[0-9]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*)$")]
    private static partial System.Text.RegularExpressions.Regex StandardAddress();


    // IPNetwork wants the base address with the host bits cleared; EventBridge takes any address in the network.
    private static IPAddress Masked(IPAddress address, int bits)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    /// <summary>A string, number, boolean or null, compared as EventBridge does: numbers by value, the rest exactly.</summary>
    public sealed record Literal(JsonNode? Value) : ValueMatcher
    {
        public override bool Accepts(JsonNode? value)
        {
            if (Value is null || value is null)
            {
                return Value is null && value is null;
            }

            var kind = Value.GetValueKind();
            return kind == value.GetValueKind()
                && (kind == JsonValueKind.Number ? Numbers.Equal(Value, value) : Value.ToJsonString() == value.ToJsonString());
        }
    }

    public sealed record Prefix(string Text, bool IgnoreCase) : ValueMatcher
    {
        public override bool Accepts(JsonNode? value) =>
            StringValue(value)?.StartsWith(Text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) == true;
    }

    public sealed record Suffix(string Text, bool IgnoreCase) : ValueMatcher
    {
        public override bool Accepts(JsonNode? value) =>
            StringValue(value)?.EndsWith(Text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) == true;
    }

    public sealed record EqualsIgnoreCase(string Text) : ValueMatcher
    {
        public override bool Accepts(JsonNode? value) => string.Equals(StringValue(value), Text, StringComparison.OrdinalIgnoreCase);
    }

    public sealed record Wildcard(WildcardPattern Pattern) : ValueMatcher
    {
        public override bool Accepts(JsonNode? value) => StringValue(value) is { } text && Pattern.IsMatch(text);
    }

    public sealed record Cidr(IPNetwork Network) : ValueMatcher
    {
        public override bool Accepts(JsonNode? value) => Address(StringValue(value)) is { } address && Network.Contains(address);
    }

    /// <summary><c>exists: true</c> takes any leaf; <c>exists: false</c> none, and lets the field match when the event has no leaf there.</summary>
    public sealed record Exists(bool Present) : ValueMatcher
    {
        public override bool Accepts(JsonNode? value) => Present;
    }

    /// <summary>Any leaf that none of the excluded matchers takes: null and other kinds of value included.</summary>
    public sealed record AnythingBut(IReadOnlyList<ValueMatcher> Excluded) : ValueMatcher
    {
        public override bool Accepts(JsonNode? value) => !Excluded.Any(e => e.Accepts(value));
    }

    /// <summary><c>["=", x]</c>, or a lower bound, an upper bound, or a lower bound then an upper one.</summary>
    public sealed record Numeric(double? Lower, bool LowerOpen, double? Upper, bool UpperOpen) : ValueMatcher
    {
        public override bool Accepts(JsonNode? value) =>
            Numbers.Of(value) is { } number
            && (Lower is not { } lower || (LowerOpen ? number > lower : number >= lower))
            && (Upper is not { } upper || (UpperOpen ? number < upper : number <= upper));

        public static Numeric Parse(JsonArray terms)
        {
            var op = StringValue(terms.FirstOrDefault()) ?? throw Invalid($"Invalid member in numeric match: {terms.FirstOrDefault()?.ToJsonString() ?? "]"}");
            if (op is not ("=" or ">" or ">=" or "<" or "<="))
            {
                throw Invalid($"Unrecognized numeric range operator: {op}");
            }

            var first = Bound(terms, 1, op == "=" ? "equals" : op);
            var range = op switch
            {
                "=" => new Numeric(first, false, first, false),
                ">" or ">=" => new Numeric(first, op == ">", null, false),
                _ => new Numeric(null, false, first, op == "<"),
            };
            if (terms.Count == 2)
            {
                return range;
            }

            if (op is not (">" or ">="))
            {
                throw Invalid("Too many elements in numeric expression");
            }

            var upper = StringValue(terms[2]) ?? throw Invalid($"Bad value in numeric range: {terms[2]?.ToJsonString()}");
            if (upper is not ("<" or "<="))
            {
                throw Invalid($"Bad numeric range operator: {upper}");
            }

            return terms.Count > 4 ? throw Invalid("Too many terms in numeric range expression")
                : range with { Upper = Bound(terms, 3, upper), UpperOpen = upper == "<" };
        }

        private static double Bound(JsonArray terms, int index, string op) =>
            (index < terms.Count ? Numbers.Of(terms[index]) : null) ?? throw Invalid($"Value of {op} must be numeric");
    }

    private static class Numbers
    {
        public static double? Of(JsonNode? node) =>
            node?.GetValueKind() == JsonValueKind.Number
            && double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : null;

        // Exact where decimal can hold both (account numbers), by double otherwise (1e300).
        public static bool Equal(JsonNode a, JsonNode b) =>
            decimal.TryParse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(b.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                ? x == y
                : Of(a) == Of(b);
    }
}
