using System.Net.Http.Json;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// Why a call to the shop's API did not succeed, as the API said it: the status, its title, and for a 400 the
/// messages per field (keyed by the field's JSON name). Status 0 means the shop could not be reached at all.
/// </summary>
public sealed record ApiProblem(int Status, string? Title, IReadOnlyDictionary<string, string[]> Errors, bool RetryLater = false)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static ApiProblem Unreachable { get; } = new(0, null, NoErrors);

    public static ApiProblem Of(int status, string? title = null) => new(status, title, NoErrors);

    /// <summary>A 400 with messages for the fields named.</summary>
    public static ApiProblem Invalid(IReadOnlyDictionary<string, string[]> errors) => new(400, null, errors);

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response)
    {
        var body = response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json"
            ? await ReadBodyAsync(response)
            : null;
        return new ApiProblem(
            (int)response.StatusCode,
            body?.Title,
            body?.Errors ?? NoErrors,
            RetryLater: response.Headers.RetryAfter is not null);
    }

    private static async Task<ProblemBody?> ReadBodyAsync(HttpResponseMessage response)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(StorefrontJson.Default.ProblemBody);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // A proxy's error page in JSON's clothes: the status still says enough.
        }
    }
}

/// <summary>The members of an RFC 9457 problem the storefront uses.</summary>
internal sealed record ProblemBody(string? Title, Dictionary<string, string[]>? Errors);
