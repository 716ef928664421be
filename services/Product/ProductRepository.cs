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

/// <summary>Products in DynamoDB: one item per product, keyed by id, with a version for optimistic concurrency.</summary>
internal sealed class ProductRepository(IAmazonDynamoDB dynamo, ResourceNames names)
{
    private const string Id = "id";
    private const string Name = "name";
    private const string Description = "description";
    private const string ImageFile = "imageFile";
    private const string Price = "price";
    private const string Category = "category";
    private const string Version = "version";

    private static readonly string CategoryIndex = ResourceDefinitions.ProductTable.GlobalSecondaryIndexes[0].Name;

    private readonly string _table = names[ResourceDefinitions.ProductTable];

    public async Task<VersionedProduct?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = KeyOf(id), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    /// <summary>One page of products: a Query on the category index when a category is given, else a Scan.</summary>
    public async Task<PageSlice<Product>> ListAsync(string? category, PageCursor page, CancellationToken cancellationToken)
    {
        if (category is null)
        {
            var scan = await dynamo.ScanAsync(
                new ScanRequest { TableName = _table, Limit = page.Limit, ExclusiveStartKey = page.StartKey() }, cancellationToken);
            return PageKeys.Slice(scan.Items, scan.LastEvaluatedKey, item => FromItem(item).Product);
        }

        var query = await dynamo.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                IndexName = CategoryIndex,
                KeyConditionExpression = "#category = :category",
                ExpressionAttributeNames = new() { ["#category"] = Category },
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

        var condition = "attribute_exists(#id)";
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
    /// Marks every product as republished, which changes nothing a reader sees but writes a MODIFY to
    /// the stream: each product's ProductChanged event goes out again, at its current version, through
    /// the outbox like any change. Returns how many products there were.
    /// </summary>
    public async Task<int> RepublishAllAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(
                new ScanRequest { TableName = _table, ProjectionExpression = "#id", ExpressionAttributeNames = new() { ["#id"] = Id }, ExclusiveStartKey = start },
                cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                count += await dynamo.TryUpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _table,
                        Key = KeyOf(item[Id].S),
                        UpdateExpression = "SET #republishedAt = :now",
                        ConditionExpression = "attribute_exists(#id)", // deleted meanwhile: nothing to republish
                        ExpressionAttributeNames = new() { ["#id"] = Id, ["#republishedAt"] = "republishedAt" },
                        ExpressionAttributeValues = new() { [":now"] = DynamoValue.S(DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)) },
                    },
                    cancellationToken) ? 1 : 0;
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return count;
    }

    /// <summary>Deletes the product; false when there was none.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        dynamo.TryDeleteItemAsync(
        new DeleteItemRequest
        {
            TableName = _table,
            Key = KeyOf(id),
            ConditionExpression = "attribute_exists(#id)",
            ExpressionAttributeNames = new() { ["#id"] = Id },
        },
        cancellationToken);

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
