using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Ecommerce.Shared.Dynamo;

/// <summary>
/// Strongly consistent reads of items by their keys with BatchGetItem, as many calls as the keys need, each
/// read again while DynamoDB hands keys back unprocessed (it does when a table is throttled).
/// </summary>
public static class BatchReads
{
    /// <summary>DynamoDB's BatchGetItem reads at most this many keys a call.</summary>
    public const int KeysPerCall = 100;

    /// <summary>The items of these keys that exist, in no particular order; the keys must be distinct.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> GetItemsAsync(
        this IAmazonDynamoDB dynamo, string table, IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        foreach (var chunk in keys.Chunk(KeysPerCall))
        {
            var pending = new KeysAndAttributes { Keys = [.. chunk], ConsistentRead = true };
            while (pending is { Keys.Count: > 0 })
            {
                var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { [table] = pending } }, cancellationToken);
                items.AddRange(response.Responses?.GetValueOrDefault(table) ?? []);
                pending = response.UnprocessedKeys?.GetValueOrDefault(table)!;
            }
        }

        return items;
    }
}
