using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Paging;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Products;

/// <summary>The outcome of a conditional replace.</summary>
public enum ReplaceOutcome
{
    Replaced,
    NotFound,
    VersionMismatch,
}

/// <summary>Products in DynamoDB: one item per product, keyed by id, with a version for optimistic concurrency.</summary>
public sealed class ProductRepository(IAmazonDynamoDB dynamo, IOptions<ResourceNames> names)
{
    private const string Id = "id";
    private const string Name = "name";
    private const string Description = "description";
    private const string ImageFile = "imageFile";
    private const string Price = "price";
    private const string Category = "category";
    private const string Version = "version";

    private static readonly string CategoryIndex = ResourceCatalog.ProductTable.GlobalSecondaryIndexes[0].Name;

    /// <summary>The attribute names of a LastEvaluatedKey of a Scan, and of a Query on the category index.</summary>
    public static readonly string[] ScanKey = [Id];
    public static readonly string[] CategoryKey = [Id, Category];

    private readonly string _table = names.Value.ProductTable;

    public async Task<VersionedProduct?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = KeyOf(id), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    /// <summary>One page of products: a Query on the category index when a category is given, else a Scan.</summary>
    public async Task<(IReadOnlyList<Product> Items, Dictionary<string, string>? LastKey)> ListAsync(
        string? category, PageRequest page, CancellationToken cancellationToken)
    {
        var exclusiveStartKey = PageKeys.ToStartKey(page.StartKey);
        List<Dictionary<string, AttributeValue>> items;
        Dictionary<string, AttributeValue>? lastKey;
        if (category is null)
        {
            var scan = await dynamo.ScanAsync(
                new ScanRequest { TableName = _table, Limit = page.Limit, ExclusiveStartKey = exclusiveStartKey }, cancellationToken);
            (items, lastKey) = (scan.Items, scan.LastEvaluatedKey);
        }
        else
        {
            var query = await dynamo.QueryAsync(
                new QueryRequest
                {
                    TableName = _table,
                    IndexName = CategoryIndex,
                    KeyConditionExpression = "#category = :category",
                    ExpressionAttributeNames = new() { ["#category"] = Category },
                    ExpressionAttributeValues = new() { [":category"] = new AttributeValue { S = category } },
                    Limit = page.Limit,
                    ExclusiveStartKey = exclusiveStartKey,
                },
                cancellationToken);
            (items, lastKey) = (query.Items, query.LastEvaluatedKey);
        }

        return ([.. (items ?? []).Select(item => FromItem(item).Product)], PageKeys.FromLastKey(lastKey));
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
    public async Task<(ReplaceOutcome Outcome, VersionedProduct? Product)> ReplaceAsync(
        string id, ProductInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        var product = ToProduct(id, input);
        var values = new Dictionary<string, AttributeValue>
        {
            [":name"] = new() { S = product.Name },
            [":price"] = Number(product.Price),
            [":category"] = new() { S = product.Category },
            [":one"] = new() { N = "1" },
        };
        var set = new List<string> { "#name = :name", "#price = :price", "#category = :category", "#version = #version + :one" };
        var remove = new List<string>();
        AddOptional(Description, product.Description);
        AddOptional(ImageFile, product.ImageFile);

        var condition = "attribute_exists(#id)";
        if (expectedVersion is { } expected)
        {
            condition += " AND #version = :expected";
            values[":expected"] = new AttributeValue { N = expected.ToString(CultureInfo.InvariantCulture) };
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
            return (ReplaceOutcome.Replaced, FromItem(response.Attributes));
        }
        catch (ConditionalCheckFailedException)
        {
            // The write changed nothing; a read tells the two reasons apart.
            var current = await GetAsync(id, cancellationToken);
            return (current is null ? ReplaceOutcome.NotFound : ReplaceOutcome.VersionMismatch, null);
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
                values[$":{attribute}"] = new AttributeValue { S = value };
            }
        }
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

    private static Dictionary<string, AttributeValue> KeyOf(string id) => new() { [Id] = new AttributeValue { S = id } };

    private static AttributeValue Number(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static Dictionary<string, AttributeValue> ToItem(VersionedProduct versioned)
    {
        var product = versioned.Product;
        var item = new Dictionary<string, AttributeValue>
        {
            [Id] = new() { S = product.Id },
            [Name] = new() { S = product.Name },
            [Price] = Number(product.Price),
            [Category] = new() { S = product.Category },
            [Version] = new() { N = versioned.Version.ToString(CultureInfo.InvariantCulture) },
        };
        if (product.Description is not null)
        {
            item[Description] = new AttributeValue { S = product.Description };
        }

        if (product.ImageFile is not null)
        {
            item[ImageFile] = new AttributeValue { S = product.ImageFile };
        }

        return item;
    }

    private static VersionedProduct FromItem(Dictionary<string, AttributeValue> item) => new(
        new Product(
            item[Id].S,
            item[Name].S,
            item.GetValueOrDefault(Description)?.S,
            item.GetValueOrDefault(ImageFile)?.S,
            decimal.Parse(item[Price].N, CultureInfo.InvariantCulture),
            item[Category].S),
        long.Parse(item[Version].N, CultureInfo.InvariantCulture));
}
