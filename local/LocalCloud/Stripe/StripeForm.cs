using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.LocalCloud.Stripe;

/// <summary>
/// A request's parameters as Stripe takes them: form-encoded, nested with brackets (<c>card[number]</c>,
/// <c>metadata[orderId]</c>). Refuses what Stripe refuses, in its words.
/// </summary>
public sealed class StripeForm(IReadOnlyDictionary<string, string> values)
{
    public static async Task<StripeForm> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return new StripeForm(new Dictionary<string, string>());
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return new StripeForm(form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal));
    }

    /// <summary>Refuses a parameter outside <paramref name="allowed"/>; <c>metadata[…]</c> is allowed when <c>metadata</c> is.</summary>
    public StripeForm Allowing(params string[] allowed)
    {
        foreach (var name in values.Keys)
        {
            var root = name.Split('[')[0];
            if (!allowed.Contains(name) && !(root == "metadata" && allowed.Contains(root) && name.EndsWith(']')))
            {
                throw StripeApiException.InvalidRequest($"Received unknown parameter: {name}", "parameter_unknown", name);
            }
        }

        return this;
    }

    public string? Text(string name) => values.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

    public string Required(string name) =>
        Text(name) ?? throw StripeApiException.InvalidRequest($"Missing required param: {name}.", "parameter_missing", name);

    public long? Integer(string name) => Text(name) is not { } text ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw StripeApiException.InvalidRequest($"Invalid integer: {text}", "parameter_invalid_integer", name);

    public bool? Boolean(string name) => Text(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var text => throw StripeApiException.InvalidRequest($"Invalid boolean: {text}", "parameter_invalid_boolean", name),
    };

    public string? OneOf(string name, params string[] choices) => Text(name) is not { } text || choices.Contains(text) ? Text(name)
        : throw StripeApiException.InvalidRequest($"Invalid {name}: must be one of {string.Join(", ", choices)}", "parameter_invalid_string", name);

    public IReadOnlyDictionary<string, string> Metadata() =>
        values.Where(field => field.Key.StartsWith("metadata[", StringComparison.Ordinal) && field.Key.EndsWith(']'))
            .ToDictionary(field => field.Key["metadata[".Length..^1], field => field.Value, StringComparer.Ordinal);

    /// <summary>A digest of every parameter, to compare a retried request with the first without keeping its values (a card number among them).</summary>
    public string Fingerprint()
    {
        var canonical = string.Join('\n', values.OrderBy(field => field.Key, StringComparer.Ordinal).Select(field => $"{field.Key}={field.Value}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
