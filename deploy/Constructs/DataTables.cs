using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using Ecommerce.Shared.Resources;
using CatalogKeyType = Ecommerce.Shared.Resources.KeyType;

namespace Ecommerce.Deploy.Constructs;

/// <summary>The DynamoDB tables, shaped by the resource definitions the services read too.</summary>
public sealed class DataTables : Construct
{
    public Table Products { get; }
    public Table Baskets { get; }

    /// <summary>Basket's view of the catalogue, written only by its catalogue consumer.</summary>
    public Table BasketCatalogue { get; }
    public Table CheckoutIdempotency { get; }

    /// <summary>Orders; the stream is the outbox of the order's events, the indexes find an order by id and by status.</summary>
    public Table Orders { get; }

    /// <summary>Inventory's stock record of each product.</summary>
    public Table Stock { get; }

    /// <summary>Inventory's reservation of each order's lines.</summary>
    public Table Reservations { get; }

    /// <summary>Payment's record of each order's money at the provider.</summary>
    public Table Payments { get; }

    public DataTables(Construct scope, string id, DeploySettings settings)
        : base(scope, id)
    {
        Products = NewTable("Product", ResourceDefinitions.ProductTable, settings);
        Baskets = NewTable("Basket", ResourceDefinitions.BasketTable, settings);
        BasketCatalogue = NewTable("BasketCatalogue", ResourceDefinitions.BasketCatalogueTable, settings);
        CheckoutIdempotency = NewTable("CheckoutIdempotency", ResourceDefinitions.CheckoutIdempotencyTable, settings);
        Orders = NewTable("Order", ResourceDefinitions.OrderTable, settings, settings.OrderTableIndexes);
        Stock = NewTable("Stock", ResourceDefinitions.StockTable, settings);
        Reservations = NewTable("Reservation", ResourceDefinitions.ReservationTable, settings);
        Payments = NewTable("Payment", ResourceDefinitions.PaymentTable, settings);
    }

    // No TableName: CloudFormation names each table, so two stages can live in one account.
    /// <param name="indexLimit">How many of the definition's indexes to create, in order; all of them unless given.</param>
    private Table NewTable(string id, TableDefinition definition, DeploySettings settings, int? indexLimit = null)
    {
        var table = new Table(this, id, new TableProps
        {
            PartitionKey = Attribute(definition.PartitionKey),
            SortKey = definition.SortKey is null ? null : Attribute(definition.SortKey),
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            TimeToLiveAttribute = definition.TimeToLiveAttribute,
            Stream = definition.StreamsNewAndOldImages ? StreamViewType.NEW_AND_OLD_IMAGES : null,
            RemovalPolicy = settings.RemovalPolicy,
        });

        foreach (var index in definition.GlobalSecondaryIndexes.Take(indexLimit ?? definition.GlobalSecondaryIndexes.Count))
        {
            table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
            {
                IndexName = index.Name,
                PartitionKey = Attribute(index.PartitionKey),
                SortKey = index.SortKey is null ? null : Attribute(index.SortKey),
                ProjectionType = ProjectionType.ALL,
            });
        }

        return table;
    }

    private static Amazon.CDK.AWS.DynamoDB.Attribute Attribute(KeyDefinition key) => new()
    {
        Name = key.Name,
        Type = key.Type switch
        {
            CatalogKeyType.String => AttributeType.STRING,
            CatalogKeyType.Number => AttributeType.NUMBER,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key.Type, "Unknown key type."),
        },
    };
}
