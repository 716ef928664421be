namespace Ecommerce.Shared.Paging;

/// <summary>One page of a list: the items and the token of the next page, or null on the last one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);

/// <summary>The paging query of a list endpoint: <c>?limit=</c> and <c>?nextToken=</c>.</summary>
public static class PageLimits
{
    public const int Default = 50;
    public const int Max = 100;

    /// <summary>The limit to use, or the validation error for <c>limit</c>.</summary>
    public static bool TryResolve(int? limit, out int resolved, out Dictionary<string, string[]>? errors)
    {
        resolved = limit ?? Default;
        errors = resolved is >= 1 and <= Max
            ? null
            : new Dictionary<string, string[]> { ["limit"] = [$"The limit must be between 1 and {Max}."] };
        return errors is null;
    }
}
