using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Paging;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Products;

/// <summary>The outcome of a conditional replace: the product as replaced, or why nothing changed.</summary>
internal abstract record ReplaceResult
{
    private ReplaceResult()
    {
    }

    public sealed record Replaced(VersionedProduct Product) : ReplaceResult;

    public sealed record NotFound : ReplaceResult;

    public sealed record VersionMismatch : ReplaceResult;
}

/// <summary>What one page of a republish run touched, and where the next page starts (null after the last).</summary>
internal sealed record RepublishedPage(int Products, int Deletions, string? NextKey);

/// <summary>
/// Products in DynamoDB: one item per product, keyed by id, with a version for optimistic concurrency. A deleted
/// product stays as a tombstone (<c>deleted</c>, one version on) until its TTL (<see cref="TombstoneLifetime"/>), so
/// that a republish can send its deletion again; every read leaves tombstones out. Only products and tombstones have
/// a version: the table's other items (a republish run's, <see cref="RepublishJobs"/>) are no product to any read.
/// </summary>
internal sealed class ProductRepository(IAmazonDynamoDB dynamo, ResourceNames names, TimeProvider time)
{
    /// <summary>
    /// How long a deletion can still be republished: longer than any place its event can wait undelivered (a rule's or a
    /// queue's dead-letter queue keeps it 14 days), with time to notice and run a republish after that.
    /// </summary>
    public static readonly TimeSpan TombstoneLifetime = TimeSpan.FromDays(35);

    private const string Id = "id";
    private const string Name = "name";
    private const string Description = "description";
    private const string ImageFile = "imageFile";
    private const string Price = "price";
    private const string Category = "category";
    private const string Version = "version";
    private const string Deleted = "deleted";
    private const string RepublishedAt = "republishedAt";

    /// <summary>A product a reader may see: versioned, not a tombstone.</summary>
    private const string IsLive = "attribute_exists(#version) AND attribute_not_exists(#deleted)";

    private static readonly string CategoryIndex = ResourceDefinitions.ProductTable.GlobalSecondaryIndexes[0].Name;

    private readonly string _table = names[ResourceDefinitions.ProductTable];

    public async Task<VersionedProduct?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = KeyOf(id), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet && response.Item.ContainsKey(Version) && !IsTombstone(response.Item) ? FromItem(response.Item) : null;
    }

    /// <summary>One page of products: a Query on the category index when a category is given, else a Scan.</summary>
    public async Task<PageSlice<Product>> ListAsync(string? category, PageCursor page, CancellationToken cancellationToken)
    {
        if (category is null)
        {
            // The limit counts the items read, tombstones too: a page may hold fewer products, as the API allows.
            var scan = await dynamo.ScanAsync(
                new ScanRequest
                {
                    TableName = _table,
                    Limit = page.Limit,
                    ExclusiveStartKey = page.StartKey(),
                    FilterExpression = IsLive,
                    ExpressionAttributeNames = new() { ["#version"] = Version, ["#deleted"] = Deleted },
                },
                cancellationToken);
            return PageKeys.Slice(scan.Items, scan.LastEvaluatedKey, item => FromItem(item).Product);
        }

        var query = await dynamo.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                IndexName = CategoryIndex,
                KeyConditionExpression = "#category = :category",
                FilterExpression = IsLive,
                ExpressionAttributeNames = new() { ["#category"] = Category, ["#version"] = Version, ["#deleted"] = Deleted },
                ExpressionAttributeValues = new() { [":category"] = DynamoValue.S(category) },
                Limit = page.Limit,
                ExclusiveStartKey = page.StartKey(),
            },
            cancellationToken);
        return PageKeys.Slice(query.Items, query.LastEvaluatedKey, item => FromItem(item).Product);
    }

    public async Task<VersionedProduct> CreateAsync(ProductInput input, CancellationToken cancellationToken)
    {
        var created = new VersionedProduct(ToProduct(Guid.CreateVersion7().ToString(), input), 1);
        await dynamo.PutItemAsync(
            new PutItemRequest
            {
                TableName = _table,
                Item = ToItem(created),
                ConditionExpression = "attribute_not_exists(#id)",
                ExpressionAttributeNames = new() { ["#id"] = Id },
            },
            cancellationToken);
        return created;
    }

    /// <summary>
    /// Replaces the mutable fields and bumps the version in one conditional write; with
    /// <paramref name="expectedVersion"/> the write happens only if the stored version still equals it.
    /// </summary>
    public async Task<ReplaceResult> ReplaceAsync(
        string id, ProductInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        var product = ToProduct(id, input);
        var values = new Dictionary<string, AttributeValue>
        {
            [":name"] = DynamoValue.S(product.Name),
            [":price"] = DynamoValue.N(product.Price),
            [":category"] = DynamoValue.S(product.Category),
            [":one"] = DynamoValue.N(1),
        };
        var set = new List<string> { "#name = :name", "#price = :price", "#category = :category", "#version = #version + :one" };
        var remove = new List<string>();
        AddOptional(Description, product.Description);
        AddOptional(ImageFile, product.ImageFile);

        var condition = "attribute_exists(#id) AND " + IsLive;
        if (expectedVersion is { } expected)
        {
            condition += " AND #version = :expected";
            values[":expected"] = DynamoValue.N(expected);
        }

        try
        {
            var response = await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = KeyOf(id),
                    UpdateExpression = $"SET {string.Join(", ", set)}" + (remove.Count > 0 ? $" REMOVE {string.Join(", ", remove)}" : ""),
                    ConditionExpression = condition,
                    ExpressionAttributeNames = new()
                    {
                        ["#id"] = Id,
                        ["#name"] = Name,
                        ["#price"] = Price,
                        ["#category"] = Category,
                        ["#version"] = Version,
                        ["#description"] = Description,
                        ["#imageFile"] = ImageFile,
                        ["#deleted"] = Deleted,
                    },
                    ExpressionAttributeValues = values,
                    ReturnValues = ReturnValue.ALL_NEW,
                },
                cancellationToken);
            return new ReplaceResult.Replaced(FromItem(response.Attributes));
        }
        catch (ConditionalCheckFailedException)
        {
            // The write changed nothing; a read tells the two reasons apart.
            var current = await GetAsync(id, cancellationToken);
            return current is null ? new ReplaceResult.NotFound() : new ReplaceResult.VersionMismatch();
        }

        void AddOptional(string attribute, string? value)
        {
            if (value is null)
            {
                remove.Add($"#{attribute}");
            }
            else
            {
                set.Add($"#{attribute} = :{attribute}");
                values[$":{attribute}"] = DynamoValue.S(value);
            }
        }
    }

    /// <summary>
    /// Republishes one page of the table, read from after <paramref name="startAfter"/>: marks each product and tombstone
    /// as republished, which changes nothing a reader sees but writes a MODIFY to the stream, so its ProductChanged event
    /// (a tombstone's deletion) goes out again at its current version, through the outbox like any change.
    /// </summary>
    public async Task<RepublishedPage> RepublishPageAsync(string? startAfter, int pageSize, CancellationToken cancellationToken)
    {
        var page = await dynamo.ScanAsync(
            new ScanRequest
            {
                TableName = _table,
                Limit = pageSize,
                ExclusiveStartKey = startAfter is null ? null : KeyOf(startAfter),
                FilterExpression = "attribute_exists(#version)",
                ProjectionExpression = "#id, #deleted",
                ExpressionAttributeNames = new() { ["#id"] = Id, ["#version"] = Version, ["#deleted"] = Deleted },
            },
            cancellationToken);
        var (products, deletions) = (0, 0);
        var now = DynamoValue.S(time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var item in page.Items ?? [])
        {
            var touched = await dynamo.TryUpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = KeyOf(item[Id].S),
                    UpdateExpression = "SET #republishedAt = :now",
                    ConditionExpression = "attribute_exists(#version)", // expired meanwhile: nothing to republish
                    ExpressionAttributeNames = new() { ["#version"] = Version, ["#republishedAt"] = RepublishedAt },
                    ExpressionAttributeValues = new() { [":now"] = now },
                },
                cancellationToken);
            (products, deletions) = !touched ? (products, deletions) : IsTombstone(item) ? (products, deletions + 1) : (products + 1, deletions);
        }

        return new RepublishedPage(products, deletions, page.LastEvaluatedKey is { Count: > 0 } last ? last[Id].S : null);
    }

    /// <summary>
    /// Deletes the product, leaving a tombstone one version on that DynamoDB removes after <see cref="TombstoneLifetime"/>;
    /// false when there was no product.
    /// </summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        dynamo.TryUpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = KeyOf(id),
                UpdateExpression = "SET #deleted = :true, #version = #version + :one, #expiresAt = :expiresAt",
                ConditionExpression = IsLive,
                ExpressionAttributeNames = new() { ["#deleted"] = Deleted, ["#version"] = Version, ["#expiresAt"] = ExpiresAt },
                ExpressionAttributeValues = new()
                {
                    [":true"] = new AttributeValue { BOOL = true },
                    [":one"] = DynamoValue.N(1),
                    [":expiresAt"] = DynamoValue.N((time.GetUtcNow() + TombstoneLifetime).ToUnixTimeSeconds()),
                },
            },
            cancellationToken);

    /// <summary>Whether the item is a deleted product's tombstone.</summary>
    internal static bool IsTombstone(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(Deleted, out var deleted) && deleted.BOOL == true;

    /// <summary>The table's TTL attribute: DynamoDB removes the item after this time (seconds since the epoch).</summary>
    private static string ExpiresAt => ResourceDefinitions.ProductTable.TimeToLiveAttribute!;

    private static Product ToProduct(string id, ProductInput input) =>
        new(id, input.Name!, input.Description, input.ImageFile, input.Price!.Value, input.Category!);

    private static Dictionary<string, AttributeValue> KeyOf(string id) => new() { [Id] = DynamoValue.S(id) };

    private static Dictionary<string, AttributeValue> ToItem(VersionedProduct versioned)
    {
        var product = versioned.Product;
        var item = new Dictionary<string, AttributeValue>
        {
            [Id] = DynamoValue.S(product.Id),
            [Name] = DynamoValue.S(product.Name),
            [Price] = DynamoValue.N(product.Price),
            [Category] = DynamoValue.S(product.Category),
            [Version] = DynamoValue.N(versioned.Version),
        };
        item.SetOptional(Description, product.Description);
        item.SetOptional(ImageFile, product.ImageFile);
        return item;
    }

    internal static VersionedProduct FromItem(Dictionary<string, AttributeValue> item) => new(
        new Product(
            item[Id].S,
            item[Name].S,
            item.OptionalS(Description),
            item.OptionalS(ImageFile),
            item.Decimal(Price),
            item[Category].S),
        item.Long(Version));
}
