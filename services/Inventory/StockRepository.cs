using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Inventory;

/// <summary>The outcome of setting a product's units on hand: the record as set, or why nothing changed.</summary>
internal abstract record SetStockResult
{
    private SetStockResult()
    {
    }

    public sealed record Set(StockRecord Stock) : SetStockResult;

    public sealed record NotFound : SetStockResult;

    /// <summary>Fewer units on hand than orders hold reserved.</summary>
    public sealed record BelowReserved(int Reserved) : SetStockResult;

    public sealed record VersionMismatch : SetStockResult;
}

/// <summary>
/// The attributes of a stock item (table <c>inventory-stock</c>, one per product Inventory learned): the counts, the
/// record's version (its ETag), what it knows of the product, and the admin's last count with what shipped since.
/// </summary>
internal static class StockItem
{
    public const string ProductId = "productId";
    public const string OnHand = "onHand";
    public const string Reserved = "reserved";
    public const string Available = "available";
    public const string Version = "version";
    public const string ProductVersion = "productVersion";
    public const string Name = "name";
    public const string Deleted = "deleted";
    public const string LastSet = "lastSet";
    public const string TakenSinceSet = "takenSinceSet";

    public static Dictionary<string, AttributeValue> Key(string productId) => new() { [ProductId] = DynamoValue.S(productId) };

    /// <summary>Every attribute name as <c>#name</c>, for expressions that use a few of them.</summary>
    public static Dictionary<string, string> Names(params string[] attributes) => attributes.ToDictionary(a => "#" + a, a => a);

    public static bool IsDeleted(Dictionary<string, AttributeValue> item) => item.GetValueOrDefault(Deleted)?.BOOL == true;

    public static StockRecord ToRecord(Dictionary<string, AttributeValue> item) =>
        new(item[ProductId].S, item.Int(OnHand), item.Int(Reserved), item.Int(Available), item.Long(Version));
}

/// <summary>
/// Inventory's stock records in DynamoDB: learned from ProductChanged events, read by anyone, counted by admins.
/// Reservations move the counts through <see cref="Ledger.StockLedger"/>.
/// </summary>
internal sealed class StockRepository(IAmazonDynamoDB dynamo, ResourceNames names)
{
    private readonly string _table = names[ResourceDefinitions.StockTable];

    /// <summary>The stock record of a product that is sold, or null for an unknown or deleted one.</summary>
    public async Task<StockRecord?> GetAsync(string productId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = StockItem.Key(productId), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet && !StockItem.IsDeleted(response.Item) ? StockItem.ToRecord(response.Item) : null;
    }

    /// <summary>The stock levels of these products, in the order asked, leaving out unknown and deleted ones; the ids must be distinct.</summary>
    public async Task<List<StockLevel>> LevelsAsync(IReadOnlyList<string> productIds, CancellationToken cancellationToken)
    {
        var items = await dynamo.GetItemsAsync(_table, productIds.Select(StockItem.Key), cancellationToken);
        var found = items.Where(item => !StockItem.IsDeleted(item)).ToDictionary(item => item[StockItem.ProductId].S, StringComparer.Ordinal);
        return [.. productIds.Where(found.ContainsKey).Select(id => new StockLevel(id, found[id].Int(StockItem.Available)))];
    }

    /// <summary>
    /// Sets the units on hand as an admin counted them, keeping what is reserved, in one conditional write: the product
    /// must be sold, hold no more reserved than <paramref name="onHand"/>, and with <paramref name="expectedVersion"/>
    /// still be at that version. A new count starts a new tally of what ships.
    /// </summary>
    public async Task<SetStockResult> SetOnHandAsync(string productId, int onHand, long? expectedVersion, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":n"] = DynamoValue.N(onHand),
            [":zero"] = DynamoValue.N(0),
            [":one"] = DynamoValue.N(1),
            [":true"] = new() { BOOL = true },
        };
        List<string> conditions = ["attribute_exists(#productId)", "#deleted <> :true", "#reserved <= :n"];
        if (expectedVersion is { } expected)
        {
            conditions.Add("#version = :expected");
            values[":expected"] = DynamoValue.N(expected);
        }

        try
        {
            var response = await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = StockItem.Key(productId),
                    UpdateExpression = "SET #onHand = :n, #available = :n - #reserved, #lastSet = :n, #takenSinceSet = :zero, #version = #version + :one",
                    ConditionExpression = string.Join(" AND ", conditions),
                    ExpressionAttributeNames = StockItem.Names(
                        StockItem.ProductId, StockItem.Deleted, StockItem.OnHand, StockItem.Reserved, StockItem.Available,
                        StockItem.LastSet, StockItem.TakenSinceSet, StockItem.Version),
                    ExpressionAttributeValues = values,
                    ReturnValues = ReturnValue.ALL_NEW,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
                cancellationToken);
            return new SetStockResult.Set(StockItem.ToRecord(response.Attributes));
        }
        catch (ConditionalCheckFailedException failed)
        {
            // The write changed nothing; the item as it was tells the reasons apart.
            return failed.Item is not { Count: > 0 } current || StockItem.IsDeleted(current) ? new SetStockResult.NotFound()
                : current.Int(StockItem.Reserved) > onHand ? new SetStockResult.BelowReserved(current.Int(StockItem.Reserved))
                : new SetStockResult.VersionMismatch();
        }
    }

    /// <summary>
    /// Applies a product change newer than the one held: a new product starts with nothing on hand, a known one takes
    /// the new name and deleted flag; the counts are never touched. True when it was written.
    /// </summary>
    public Task<bool> LearnAsync(ProductChangedEvent change, CancellationToken cancellationToken) =>
        dynamo.TryUpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = StockItem.Key(change.Id),
                UpdateExpression = "SET #productVersion = :productVersion, #name = :name, #deleted = :deleted, "
                    + "#onHand = if_not_exists(#onHand, :zero), #reserved = if_not_exists(#reserved, :zero), "
                    + "#available = if_not_exists(#available, :zero), #version = if_not_exists(#version, :one), "
                    + "#lastSet = if_not_exists(#lastSet, :zero), #takenSinceSet = if_not_exists(#takenSinceSet, :zero)",
                ConditionExpression = "attribute_not_exists(#productVersion) OR #productVersion < :productVersion",
                ExpressionAttributeNames = StockItem.Names(
                    StockItem.ProductVersion, StockItem.Name, StockItem.Deleted, StockItem.OnHand, StockItem.Reserved,
                    StockItem.Available, StockItem.Version, StockItem.LastSet, StockItem.TakenSinceSet),
                ExpressionAttributeValues = new()
                {
                    [":productVersion"] = DynamoValue.N(change.Version),
                    [":name"] = DynamoValue.S(change.Name),
                    [":deleted"] = new() { BOOL = change.Deleted },
                    [":zero"] = DynamoValue.N(0),
                    [":one"] = DynamoValue.N(1),
                },
            },
            cancellationToken);
}
