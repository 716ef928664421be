using System.Text.Json;
using Xunit;

namespace Ecommerce.TestSupport;

/// <summary>An RFC 9457 problem as the services answer it.</summary>
public sealed record ProblemDto(string? Type, string? Title, int Status, string? Detail, Dictionary<string, string[]>? Errors);

public static class Problems
{
    /// <summary>Reads the answer as a problem, and fails if it is not one or if it carries internals.</summary>
    public static async Task<ProblemDto> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        return JsonSerializer.Deserialize<ProblemDto>(text, JsonSerializerOptions.Web)!;
    }
}
