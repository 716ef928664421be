using System.Text.Json;
using Amazon.CDK.AWS.DynamoDB;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class DataTablesTests(SynthesizedStacks stacks)
{
    public static TheoryData<string> CatalogueTables => new() { "product", "basket", "basket-catalogue", "basket-checkout-idempotency", "order", "inventory-stock", "inventory-reservation", "payment" };

    [Fact]
    public void There_is_one_table_per_catalogue_entry()
    {
        stacks.Dev.Template.ResourceCountIs("AWS::DynamoDB::Table", CatalogueTables.Count);
    }

    [Theory]
    [MemberData(nameof(CatalogueTables))]
    public void A_table_keeps_a_stream_of_new_and_old_images_exactly_when_the_catalogue_says_so(string defaultName)
    {
        var table = stacks.Dev.Properties(TableOf(defaultName));

        if (Catalogue(defaultName).StreamsNewAndOldImages)
        {
            Assert.Equal("NEW_AND_OLD_IMAGES", table.GetProperty("StreamSpecification").GetProperty("StreamViewType").GetString());
        }
        else
        {
            Assert.False(table.TryGetProperty("StreamSpecification", out _));
        }

        // The product table's stream is the outbox of the ProductChanged events, the order table's of the order's events.
        Assert.True(ResourceDefinitions.ProductTable.StreamsNewAndOldImages);
        Assert.True(ResourceDefinitions.OrderTable.StreamsNewAndOldImages);
    }

    [Fact]
    public void The_order_table_finds_an_order_by_its_id_and_every_order_in_a_status_newest_first()
    {
        var indexes = stacks.Dev.Properties(stacks.Dev.Stack.Data.Orders).GetProperty("GlobalSecondaryIndexes").EnumerateArray()
            .ToDictionary(i => i.GetProperty("IndexName").GetString()!, i => KeySchema(i.GetProperty("KeySchema")));

        Assert.Equal(["orderId HASH"], indexes["orderId-index"]);
        Assert.Equal(["status HASH", "orderDate RANGE"], indexes["status-index"]);
        Assert.Equal(2, indexes.Count);
    }

    [Fact]
    public void An_older_stack_can_take_the_order_table_s_indexes_one_deploy_at_a_time()
    {
        using var first = new SynthesizedStack(new Dictionary<string, object> { [DeploySettings.OrderTableIndexesKey] = "1" });

        var indexes = first.Properties(first.Stack.Data.Orders).GetProperty("GlobalSecondaryIndexes").EnumerateArray();
        Assert.Equal(["orderId-index"], indexes.Select(i => i.GetProperty("IndexName").GetString()));
        Assert.Null(stacks.Dev.Settings.OrderTableIndexes);
    }

    [Fact]
    public void Every_table_bills_on_demand_and_keeps_point_in_time_recovery()
    {
        foreach (var stack in stacks.Both)
        {
            stack.Template.AllResourcesProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
            {
                ["BillingMode"] = "PAY_PER_REQUEST",
                ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            });
        }
    }

    [Theory]
    [MemberData(nameof(CatalogueTables))]
    public void Each_table_has_the_key_schema_indexes_and_ttl_of_the_catalogue(string defaultName)
    {
        var definition = Catalogue(defaultName);
        var table = stacks.Dev.Properties(TableOf(defaultName));

        Assert.Equal(KeySchema(definition.PartitionKey, definition.SortKey), KeySchema(table.GetProperty("KeySchema")));
        var attributeTypes = table.GetProperty("AttributeDefinitions").EnumerateArray()
            .ToDictionary(a => a.GetProperty("AttributeName").GetString()!, a => a.GetProperty("AttributeType").GetString());
        var keys = new[] { definition.PartitionKey, definition.SortKey }
            .Concat(definition.GlobalSecondaryIndexes.SelectMany(i => new[] { i.PartitionKey, i.SortKey }))
            .OfType<KeyDefinition>();
        Assert.All(keys, key => Assert.Equal(key.Type == KeyType.Number ? "N" : "S", attributeTypes[key.Name]));

        var indexes = table.TryGetProperty("GlobalSecondaryIndexes", out var gsis) ? gsis.EnumerateArray().ToList() : [];
        Assert.Equal(definition.GlobalSecondaryIndexes.Select(i => i.Name), indexes.Select(i => i.GetProperty("IndexName").GetString()));
        foreach (var (expected, actual) in definition.GlobalSecondaryIndexes.Zip(indexes))
        {
            Assert.Equal(KeySchema(expected.PartitionKey, expected.SortKey), KeySchema(actual.GetProperty("KeySchema")));
            Assert.Equal("ALL", actual.GetProperty("Projection").GetProperty("ProjectionType").GetString());
        }

        if (definition.TimeToLiveAttribute is null)
        {
            Assert.False(table.TryGetProperty("TimeToLiveSpecification", out _));
        }
        else
        {
            var ttl = table.GetProperty("TimeToLiveSpecification");
            Assert.Equal(definition.TimeToLiveAttribute, ttl.GetProperty("AttributeName").GetString());
            Assert.True(ttl.GetProperty("Enabled").GetBoolean());
        }
    }

    [Fact]
    public void No_table_has_a_fixed_physical_name_so_two_stages_fit_in_one_account()
    {
        foreach (var stack in stacks.Both)
        {
            Assert.All(stack.Resources("AWS::DynamoDB::Table"), t => Assert.False(t.Resource.GetProperty("Properties").TryGetProperty("TableName", out _)));
        }
    }

    [Fact]
    public void A_dev_stage_deletes_its_tables_with_the_stack()
    {
        Assert.All(stacks.Dev.Resources("AWS::DynamoDB::Table"), t =>
        {
            Assert.Equal("Delete", t.Resource.GetProperty("DeletionPolicy").GetString());
            Assert.Equal("Delete", t.Resource.GetProperty("UpdateReplacePolicy").GetString());
        });
    }

    [Fact]
    public void The_prod_stage_retains_its_tables_queues_logs_key_and_storefront_bucket_when_the_stack_goes()
    {
        string[] stateful = ["AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::Logs::LogGroup", "AWS::SecretsManager::Secret", "AWS::S3::Bucket"];
        foreach (var type in stateful)
        {
            var resources = stacks.Prod.Resources(type).ToList();
            Assert.NotEmpty(resources);
            Assert.All(resources, r =>
            {
                Assert.Equal("Retain", r.Resource.GetProperty("DeletionPolicy").GetString());
                Assert.Equal("Retain", r.Resource.GetProperty("UpdateReplacePolicy").GetString());
            });
        }
    }

    private static TableDefinition Catalogue(string defaultName) =>
        new[]
        {
            ResourceDefinitions.ProductTable, ResourceDefinitions.BasketTable, ResourceDefinitions.BasketCatalogueTable, ResourceDefinitions.CheckoutIdempotencyTable,
            ResourceDefinitions.OrderTable, ResourceDefinitions.StockTable, ResourceDefinitions.ReservationTable, ResourceDefinitions.PaymentTable,
        }
            .Single(t => t.DefaultName == defaultName);

    private Table TableOf(string defaultName) => defaultName switch
    {
        "product" => stacks.Dev.Stack.Data.Products,
        "basket" => stacks.Dev.Stack.Data.Baskets,
        "basket-catalogue" => stacks.Dev.Stack.Data.BasketCatalogue,
        "basket-checkout-idempotency" => stacks.Dev.Stack.Data.CheckoutIdempotency,
        "order" => stacks.Dev.Stack.Data.Orders,
        "inventory-stock" => stacks.Dev.Stack.Data.Stock,
        "inventory-reservation" => stacks.Dev.Stack.Data.Reservations,
        "payment" => stacks.Dev.Stack.Data.Payments,
        _ => throw new ArgumentOutOfRangeException(nameof(defaultName)),
    };

    private static string[] KeySchema(KeyDefinition partitionKey, KeyDefinition? sortKey) =>
        sortKey is null ? [$"{partitionKey.Name} HASH"] : [$"{partitionKey.Name} HASH", $"{sortKey.Name} RANGE"];

    private static string[] KeySchema(JsonElement keySchema) =>
        [.. keySchema.EnumerateArray().Select(k => $"{k.GetProperty("AttributeName").GetString()} {k.GetProperty("KeyType").GetString()}")];
}
