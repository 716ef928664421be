using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>DynamoDB through the edge: LocalCloud passes the calls to dynalite and its answers back untouched.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class DynamoDbEdgeTests(LocalEdge edge) : IDisposable
{
    private readonly AmazonDynamoDBClient _dynamoDb = Clients.DynamoDb(edge);

    public void Dispose() => _dynamoDb.Dispose();

    [Fact]
    public async Task A_table_created_through_the_edge_stores_and_returns_an_item()
    {
        var table = Clients.Unique("items");
        await _dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        await Clients.EventuallyAsync(
            async () => (await _dynamoDb.DescribeTableAsync(table)).Table.TableStatus == TableStatus.ACTIVE ? "active" : null,
            TimeSpan.FromSeconds(10),
            $"table {table} becomes active");

        await _dynamoDb.PutItemAsync(table, new() { ["id"] = new AttributeValue("1"), ["name"] = new AttributeValue("lamp") });
        var item = await _dynamoDb.GetItemAsync(table, new() { ["id"] = new AttributeValue("1") });

        Assert.Equal("lamp", item.Item["name"].S);
    }

    [Fact]
    public async Task A_dynamodb_error_comes_back_as_the_typed_exception()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _dynamoDb.DescribeTableAsync(Clients.Unique("missing")));
    }
}
