namespace Ecommerce.Shared.Paging;

/// <summary>What one page asks DynamoDB for: how many items, and where to start (null: the beginning).</summary>
public sealed record PageRequest(int Limit, Dictionary<string, string>? StartKey)
{
    /// <summary>
    /// Reads <c>?limit=</c> and <c>?nextToken=</c> of a list; false, with the errors by parameter, when
    /// the limit is out of range or the token was not issued for this list.
    /// </summary>
    public static bool TryRead(
        int? limit, string? nextToken, string scope, IReadOnlyCollection<string> keyNames, PageTokenCodec tokens,
        out PageRequest page, out Dictionary<string, string[]>? errors)
    {
        page = new PageRequest(PageLimits.Default, null);
        if (!PageLimits.TryResolve(limit, out var pageSize, out errors))
        {
            return false;
        }

        if (!tokens.TryDecode(nextToken, scope, keyNames, out var startKey))
        {
            errors = PageTokenCodec.InvalidTokenError();
            return false;
        }

        page = new PageRequest(pageSize, startKey);
        return true;
    }
}
