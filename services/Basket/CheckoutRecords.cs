using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Baskets;

/// <summary>What an Idempotency-Key stands for: the checkout it started, and whether it was published.</summary>
internal sealed record CheckoutRecord(string IdempotencyKey, CheckoutAccepted Result, bool Completed);

/// <summary>
/// The results of checkouts that came with an Idempotency-Key, kept for 24 hours (DynamoDB TTL).
/// A conditional write claims a key, so of two requests with one key exactly one publishes.
/// </summary>
internal sealed class CheckoutRecords(IAmazonDynamoDB dynamo, ResourceNames names, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const string Key = "idempotencyKey";
    private const string Status = "status";
    private const string CheckoutId = "checkoutId";
    private const string UserName = "userName";
    private const string TotalPrice = "totalPrice";
    private static readonly string ExpiresAt = ResourceDefinitions.CheckoutIdempotencyTable.TimeToLiveAttribute!;

    private readonly string _table = names[ResourceDefinitions.CheckoutIdempotencyTable];

    /// <summary>The record of a key, or null when there is none (or it expired and TTL has not yet removed it).</summary>
    public async Task<CheckoutRecord?> GetAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = KeyOf(idempotencyKey), ConsistentRead = true }, cancellationToken);
        if (!response.IsItemSet || response.Item.Long(ExpiresAt) <= Now())
        {
            return null;
        }

        var item = response.Item;
        return new CheckoutRecord(
            idempotencyKey,
            new CheckoutAccepted(item[CheckoutId].S, item[UserName].S, item.Decimal(TotalPrice)),
            item[Status].S == "completed");
    }

    /// <summary>Claims the key for this checkout; false when another request holds it.</summary>
    public Task<bool> TryClaimAsync(string idempotencyKey, CheckoutAccepted result, CancellationToken cancellationToken) =>
        dynamo.TryPutItemAsync(
        new PutItemRequest
        {
            TableName = _table,
            Item = new Dictionary<string, AttributeValue>
            {
                [Key] = DynamoValue.S(idempotencyKey),
                [Status] = DynamoValue.S("pending"),
                [CheckoutId] = DynamoValue.S(result.CheckoutId),
                [UserName] = DynamoValue.S(result.UserName),
                [TotalPrice] = DynamoValue.N(result.TotalPrice),
                [ExpiresAt] = DynamoValue.N(Now() + (long)Lifetime.TotalSeconds),
            },
            ConditionExpression = "attribute_not_exists(#key) OR #expiresAt <= :now",
            ExpressionAttributeNames = new() { ["#key"] = Key, ["#expiresAt"] = ExpiresAt },
            ExpressionAttributeValues = new() { [":now"] = DynamoValue.N(Now()) },
        },
        cancellationToken);

    /// <summary>Marks the claimed checkout as published: from now on the key answers with its result.</summary>
    public Task CompleteAsync(string idempotencyKey, string checkoutId, CancellationToken cancellationToken) =>
        dynamo.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = KeyOf(idempotencyKey),
                UpdateExpression = "SET #status = :completed",
                ConditionExpression = "#checkoutId = :checkoutId",
                ExpressionAttributeNames = new() { ["#status"] = Status, ["#checkoutId"] = CheckoutId },
                ExpressionAttributeValues = new()
                {
                    [":completed"] = DynamoValue.S("completed"),
                    [":checkoutId"] = DynamoValue.S(checkoutId),
                },
            },
            cancellationToken);

    /// <summary>
    /// Gives the key back after a checkout that published nothing, so a retry can try again; false when
    /// the key is no longer this checkout's, and so there is nothing to give back.
    /// </summary>
    public Task<bool> ReleaseAsync(string idempotencyKey, string checkoutId, CancellationToken cancellationToken) =>
        dynamo.TryDeleteItemAsync(
            new DeleteItemRequest
            {
                TableName = _table,
                Key = KeyOf(idempotencyKey),
                ConditionExpression = "#checkoutId = :checkoutId AND #status = :pending",
                ExpressionAttributeNames = new() { ["#checkoutId"] = CheckoutId, ["#status"] = Status },
                ExpressionAttributeValues = new()
                {
                    [":checkoutId"] = DynamoValue.S(checkoutId),
                    [":pending"] = DynamoValue.S("pending"),
                },
            },
            cancellationToken);

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();

    private static Dictionary<string, AttributeValue> KeyOf(string idempotencyKey) =>
        new() { [Key] = DynamoValue.S(idempotencyKey) };
}
