using System.Diagnostics.CodeAnalysis;
using Ecommerce.Contracts;
using Ecommerce.Shared.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Shared.Paging;

/// <summary>The paging query of every list endpoint, bound with <c>[AsParameters]</c>: <c>?limit=</c> and <c>?nextToken=</c>.</summary>
public readonly record struct PageQuery(
    [property: FromQuery(Name = "limit")] int? Limit,
    [property: FromQuery(Name = "nextToken")] string? NextToken);

/// <summary>Where a page starts and how long it is.</summary>
public sealed record PageCursor(int Limit, IReadOnlyDictionary<string, string>? StartKey);

/// <summary>What a repository read for a page: the items, and DynamoDB's LastEvaluatedKey (null on the last page).</summary>
public sealed record PageSlice<T>(IReadOnlyList<T> Items, IReadOnlyDictionary<string, string>? LastKey);

public static class PageQueries
{
    /// <summary>
    /// A list endpoint's answer: the page <paramref name="read"/> reads for the query, with the token of
    /// the next page of the same list (<paramref name="scope"/>); a 400 naming the parameter when the
    /// limit is out of range or the token was not issued for this list.
    /// </summary>
    public static async Task<Results<Ok<Page<T>>, ValidationProblem>> PageAsync<T>(
        this PageTokenCodec tokens, PageQuery query, string scope, Func<PageCursor, Task<PageSlice<T>>> read)
    {
        if (!tokens.TryOpen(query, scope, out var cursor, out var invalid))
        {
            return invalid;
        }

        var slice = await read(cursor);
        return TypedResults.Ok(new Page<T>(slice.Items, tokens.Encode(slice.LastKey, scope)));
    }

    private static bool TryOpen(
        this PageTokenCodec tokens, PageQuery query, string scope,
        [NotNullWhen(true)] out PageCursor? cursor, [NotNullWhen(false)] out ValidationProblem? invalid)
    {
        cursor = null;
        var limit = query.Limit ?? Limits.DefaultPageSize;
        if (limit is < 1 or > Limits.MaxPageSize)
        {
            invalid = Problems.Invalid("limit", $"The limit must be between 1 and {Limits.MaxPageSize}.");
            return false;
        }

        if (!tokens.TryDecode(query.NextToken, scope, out var startKey))
        {
            invalid = Problems.Invalid("nextToken", "The token is not valid for this list. Start again without it.");
            return false;
        }

        (cursor, invalid) = (new PageCursor(limit, startKey), null);
        return true;
    }
}
