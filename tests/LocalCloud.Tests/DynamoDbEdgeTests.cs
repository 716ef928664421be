using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.DynamoDbStreams;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// DynamoDB and DynamoDB Streams through the edge, with the SDK clients the services use: LocalCloud
/// passes the calls to DynamoDB Local and its answers back untouched, so what AWS offers works here.
/// </summary>
[Collection(EdgeDefinition.Name)]
public sealed class DynamoDbEdgeTests(LocalEdge edge) : IDisposable
{
    private readonly AmazonDynamoDBClient _dynamoDb = Clients.DynamoDb(edge);
    private readonly DynamoDbStreamsClient _streams = Clients.DynamoDbStreams(edge);

    public void Dispose()
    {
        _dynamoDb.Dispose();
        _streams.Dispose();
    }

    [Fact]
    public async Task A_table_created_through_the_edge_stores_and_returns_an_item()
    {
        var table = await CreateTableAsync("items");

        await _dynamoDb.PutItemAsync(table, new() { ["id"] = new AttributeValue("1"), ["name"] = new AttributeValue("lamp") });
        var item = await _dynamoDb.GetItemAsync(table, new() { ["id"] = new AttributeValue("1") });

        Assert.Equal("lamp", item.Item["name"].S);
    }

    [Fact]
    public async Task A_dynamodb_error_comes_back_as_the_typed_exception()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _dynamoDb.DescribeTableAsync(Clients.Unique("missing")));
    }

    [Fact]
    public async Task A_transaction_with_a_failing_condition_cancels_every_write_in_it()
    {
        var table = await CreateTableAsync("transact");
        await _dynamoDb.PutItemAsync(table, new() { ["id"] = new AttributeValue("taken") });

        var error = await Assert.ThrowsAsync<TransactionCanceledException>(() => _dynamoDb.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem { Put = new Put { TableName = table, Item = new() { ["id"] = new AttributeValue("fresh") } } },
                new TransactWriteItem
                {
                    Put = new Put
                    {
                        TableName = table,
                        Item = new() { ["id"] = new AttributeValue("taken"), ["overwritten"] = new AttributeValue { BOOL = true } },
                        ConditionExpression = "attribute_not_exists(id)",
                    },
                },
            ],
        }));

        Assert.Equal(["None", "ConditionalCheckFailed"], error.CancellationReasons.Select(r => r.Code));
        var read = await _dynamoDb.TransactGetItemsAsync(new TransactGetItemsRequest
        {
            TransactItems =
            [
                new TransactGetItem { Get = new Get { TableName = table, Key = new() { ["id"] = new AttributeValue("fresh") } } },
                new TransactGetItem { Get = new Get { TableName = table, Key = new() { ["id"] = new AttributeValue("taken") } } },
            ],
        });
        Assert.Null(read.Responses[0].Item);
        Assert.False(read.Responses[1].Item.ContainsKey("overwritten"));
    }

    [Fact]
    public async Task A_table_stream_yields_the_insert_modify_and_remove_records_of_its_writes_in_order()
    {
        var table = await CreateTableAsync("streamed", new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES });
        var streamArn = (await _dynamoDb.DescribeTableAsync(table)).Table.LatestStreamArn;

        var key = new Dictionary<string, AttributeValue> { ["id"] = new("lamp") };
        await _dynamoDb.PutItemAsync(table, new() { ["id"] = new AttributeValue("lamp"), ["price"] = new AttributeValue { N = "10" } });
        await _dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = key,
            UpdateExpression = "SET price = :price",
            ExpressionAttributeValues = new() { [":price"] = new AttributeValue { N = "12" } },
        });
        await _dynamoDb.DeleteItemAsync(table, key);

        var shard = Assert.Single(await _streams.ShardsAsync(streamArn, CancellationToken.None));
        var iterator = await _streams.ShardIteratorAsync(streamArn, shard.ShardId, afterSequenceNumber: null, CancellationToken.None);
        var records = await Eventually.ReturnsAsync(
            async () =>
            {
                var page = await _streams.RecordsAsync(iterator, 100, CancellationToken.None);
                return page.Records.Count >= 3 ? page.Records : null;
            },
            TimeSpan.FromSeconds(10),
            "three stream records");

        Assert.Equal(["INSERT", "MODIFY", "REMOVE"], records.Select(r => r.EventName));
        Assert.All(records, r => Assert.Equal("lamp", r.Change.Keys["id"].S));
        Assert.Equal("10", records[1].Change.OldImage!["price"].N);
        Assert.Equal("12", records[1].Change.NewImage!["price"].N);
        Assert.Equal("12", records[2].Change.OldImage!["price"].N);
        Assert.Null(records[2].Change.NewImage);
    }

    [Fact]
    public async Task Time_to_live_once_updated_is_described_as_enabled_on_its_attribute()
    {
        var table = await CreateTableAsync("ttl");

        await _dynamoDb.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = table,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "expiresAt", Enabled = true },
        });

        var described = (await _dynamoDb.DescribeTimeToLiveAsync(table)).TimeToLiveDescription;
        Assert.Equal(TimeToLiveStatus.ENABLED, described.TimeToLiveStatus);
        Assert.Equal("expiresAt", described.AttributeName);
    }

    private async Task<string> CreateTableAsync(string prefix, StreamSpecification? stream = null)
    {
        var table = Clients.Unique(prefix);
        await _dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
            StreamSpecification = stream,
        });
        await Eventually.ReturnsAsync(
            async () => (await _dynamoDb.DescribeTableAsync(table)).Table.TableStatus == TableStatus.ACTIVE ? "active" : null,
            TimeSpan.FromSeconds(10),
            $"table {table} becomes active");
        return table;
    }
}
