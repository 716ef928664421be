using System.Text.Json;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// Minimal API validation (.NET 10) keys errors by C# member path ("Items[0].Quantity") and ignores
/// the JSON naming policy (dotnet/aspnetcore#61764); clients see camelCase fields, so the keys follow them.
/// </summary>
public static class ValidationErrorKeys
{
    public static void UseJsonNames(IDictionary<string, string[]> errors)
    {
        foreach (var key in errors.Keys.ToList())
        {
            var jsonKey = ToJsonPath(key);
            if (jsonKey != key)
            {
                var messages = errors[key];
                errors.Remove(key);
                errors[jsonKey] = errors.TryGetValue(jsonKey, out var existing) ? [.. existing, .. messages] : messages;
            }
        }
    }

    /// <summary>"Items[0].Quantity" becomes "items[0].quantity".</summary>
    public static string ToJsonPath(string memberPath) =>
        string.Join('.', memberPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
