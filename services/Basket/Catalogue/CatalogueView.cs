using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Baskets.Catalogue;

/// <summary>What Basket knows of a product: enough to name and price a line, and whether it is still sold.</summary>
internal sealed record CatalogueEntry(string ProductId, string Name, decimal Price, bool Deleted, long Version);

/// <summary>
/// Basket's own view of the catalogue, one item per product, fed only by ProductChanged events. A change
/// is written only when its version is newer than the one held, so redelivered and reordered events
/// change nothing.
/// </summary>
internal sealed class CatalogueView(IAmazonDynamoDB dynamo, ResourceNames names)
{
    private const string ProductId = "productId";
    private const string Name = "name";
    private const string Price = "price";
    private const string Deleted = "deleted";
    private const string Version = "version";

    private readonly string _table = names[ResourceDefinitions.BasketCatalogueTable];

    /// <summary>Applies the change unless the view holds that version or a newer one; true when it was written.</summary>
    public Task<bool> ApplyAsync(ProductChangedEvent change, CancellationToken cancellationToken) =>
        dynamo.TryPutItemAsync(
            new PutItemRequest
            {
                TableName = _table,
                Item = new Dictionary<string, AttributeValue>
                {
                    [ProductId] = DynamoValue.S(change.Id),
                    [Name] = DynamoValue.S(change.Name),
                    [Price] = DynamoValue.N(change.Price),
                    [Deleted] = new AttributeValue { BOOL = change.Deleted },
                    [Version] = DynamoValue.N(change.Version),
                },
                ConditionExpression = "attribute_not_exists(#productId) OR #version < :version",
                ExpressionAttributeNames = new() { ["#productId"] = ProductId, ["#version"] = Version },
                ExpressionAttributeValues = new() { [":version"] = DynamoValue.N(change.Version) },
            },
            cancellationToken);

    /// <summary>The entries of these products the view holds (strongly consistent), by product id.</summary>
    public async Task<Dictionary<string, CatalogueEntry>> FindAsync(IEnumerable<string> productIds, CancellationToken cancellationToken)
    {
        var keys = productIds.Distinct(StringComparer.Ordinal).Select(id => new Dictionary<string, AttributeValue> { [ProductId] = DynamoValue.S(id) });
        var items = await dynamo.GetItemsAsync(_table, keys, cancellationToken);
        return items
            .Select(item => new CatalogueEntry(item[ProductId].S, item[Name].S, item.Decimal(Price), item[Deleted].BOOL == true, item.Long(Version)))
            .ToDictionary(entry => entry.ProductId, StringComparer.Ordinal);
    }
}
