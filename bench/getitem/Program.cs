using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, FloorJsonContext.Default));

var app = builder.Build();

// Region, credentials and AWS_ENDPOINT_URL from the environment, as Lambda gives them.
var dynamo = new AmazonDynamoDBClient();

app.MapGet("/product/{id:guid}", async (Guid id, CancellationToken cancellationToken) =>
{
    var response = await dynamo.GetItemAsync(
        new GetItemRequest { TableName = "product", Key = new() { ["id"] = new AttributeValue { S = id.ToString() } }, ConsistentRead = true },
        cancellationToken);
    return response.IsItemSet ? Results.Ok(FloorProduct.From(response.Item)) : Results.NotFound();
});

app.Run();

/// <summary>The product as Product's API answers it, read from the item the same way.</summary>
internal sealed record FloorProduct(string Id, string Name, string? Description, string? ImageFile, decimal Price, string Category)
{
    public static FloorProduct From(Dictionary<string, AttributeValue> item) => new(
        item["id"].S,
        item["name"].S,
        item.GetValueOrDefault("description")?.S,
        item.GetValueOrDefault("imageFile")?.S,
        decimal.Parse(item["price"].N, System.Globalization.CultureInfo.InvariantCulture),
        item["category"].S);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FloorProduct))]
internal sealed partial class FloorJsonContext : JsonSerializerContext;
