using Amazon.DynamoDBv2.Model;

namespace Ecommerce.Shared.Dynamo;

/// <summary>
/// DynamoDB's ExclusiveStartKey and LastEvaluatedKey as the paging token carries them: every key
/// attribute of the tables here is a string.
/// </summary>
public static class PageKeys
{
    public static Dictionary<string, AttributeValue>? ToStartKey(Dictionary<string, string>? key) =>
        key?.ToDictionary(k => k.Key, k => new AttributeValue { S = k.Value });

    public static Dictionary<string, string>? FromLastKey(Dictionary<string, AttributeValue>? key) =>
        key is { Count: > 0 } ? key.ToDictionary(k => k.Key, k => k.Value.S) : null;
}
