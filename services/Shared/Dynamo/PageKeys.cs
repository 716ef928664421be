using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.Paging;

namespace Ecommerce.Shared.Dynamo;

/// <summary>
/// DynamoDB's ExclusiveStartKey and LastEvaluatedKey as the paging token carries them: every key
/// attribute of the tables here is a string.
/// </summary>
public static class PageKeys
{
    public static Dictionary<string, AttributeValue>? StartKey(this PageCursor cursor) =>
        cursor.StartKey?.ToDictionary(k => k.Key, k => DynamoValue.S(k.Value));

    /// <summary>The page a Scan or Query read, its items mapped by <paramref name="map"/>.</summary>
    public static PageSlice<T> Slice<T>(
        List<Dictionary<string, AttributeValue>>? items, Dictionary<string, AttributeValue>? lastEvaluatedKey, Func<Dictionary<string, AttributeValue>, T> map) =>
        new([.. (items ?? []).Select(map)], lastEvaluatedKey is { Count: > 0 } ? lastEvaluatedKey.ToDictionary(k => k.Key, k => k.Value.S) : null);
}
