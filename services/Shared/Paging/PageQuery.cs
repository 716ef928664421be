using System.Diagnostics.CodeAnalysis;
using Ecommerce.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Shared.Paging;

/// <summary>The paging query of every list endpoint, bound with <c>[AsParameters]</c>: <c>?limit=</c> and <c>?nextToken=</c>.</summary>
public readonly record struct PageQuery(
    [property: FromQuery(Name = "limit")] int? Limit,
    [property: FromQuery(Name = "nextToken")] string? NextToken);

/// <summary>Where a page starts and how long it is; <see cref="Scope"/> names the list, so its token fits no other.</summary>
public sealed record PageCursor(string Scope, int Limit, IReadOnlyDictionary<string, string>? StartKey);

/// <summary>What a repository read for a page: the items, and DynamoDB's LastEvaluatedKey (null on the last page).</summary>
public sealed record PageSlice<T>(IReadOnlyList<T> Items, IReadOnlyDictionary<string, string>? LastKey);

public static class PageQueries
{
    /// <summary>
    /// Opens a page of the list named <paramref name="scope"/>; false, with the errors by parameter,
    /// when the limit is out of range or the token was not issued for this list.
    /// </summary>
    public static bool TryOpen(
        this PageTokenCodec tokens, PageQuery query, string scope,
        [NotNullWhen(true)] out PageCursor? cursor, [NotNullWhen(false)] out Dictionary<string, string[]>? errors)
    {
        cursor = null;
        var limit = query.Limit ?? Limits.DefaultPageSize;
        if (limit is < 1 or > Limits.MaxPageSize)
        {
            errors = new() { ["limit"] = [$"The limit must be between 1 and {Limits.MaxPageSize}."] };
            return false;
        }

        if (!tokens.TryDecode(query.NextToken, scope, out var startKey))
        {
            errors = new() { ["nextToken"] = ["The token is not valid for this list. Start again without it."] };
            return false;
        }

        (cursor, errors) = (new PageCursor(scope, limit, startKey), null);
        return true;
    }

    /// <summary>The page to answer: the items, and the token of the next page of the same list.</summary>
    public static Page<T> Close<T>(this PageTokenCodec tokens, PageSlice<T> slice, PageCursor cursor) =>
        new(slice.Items, tokens.Encode(slice.LastKey, cursor.Scope));
}
