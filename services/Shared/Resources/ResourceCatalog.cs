namespace Ecommerce.Shared.Resources;

// This file depends on nothing but the BCL: the CDK app in deploy/ compiles it in as well,
// so local provisioning and the cloud stack read one set of names and key schemas.

/// <summary>The type of a DynamoDB key attribute.</summary>
public enum KeyType
{
    String,
    Number,
}

/// <summary>One key attribute of a table or index.</summary>
public sealed record KeyDefinition(string Name, KeyType Type = KeyType.String);

/// <summary>A global secondary index that projects every attribute.</summary>
public sealed record IndexDefinition(string Name, KeyDefinition PartitionKey, KeyDefinition? SortKey = null);

/// <summary>
/// A DynamoDB table: its default name, its key schema, its indexes, its TTL attribute, and whether it
/// keeps a stream of new and old images (<c>NEW_AND_OLD_IMAGES</c>).
/// </summary>
public sealed record TableDefinition(
    string DefaultName,
    KeyDefinition PartitionKey,
    KeyDefinition? SortKey = null,
    IReadOnlyList<IndexDefinition>? Indexes = null,
    string? TimeToLiveAttribute = null,
    bool StreamsNewAndOldImages = false)
{
    public IReadOnlyList<IndexDefinition> GlobalSecondaryIndexes => Indexes ?? [];
}

/// <summary>Every AWS resource the system owns, with its default name.</summary>
public static class ResourceCatalog
{
    /// <summary>The catalogue. Its stream is the outbox of the ProductChanged events.</summary>
    public static readonly TableDefinition ProductTable = new(
        "product",
        new KeyDefinition("id"),
        Indexes: [new IndexDefinition("category-index", new KeyDefinition("category"), new KeyDefinition("id"))],
        StreamsNewAndOldImages: true);

    public static readonly TableDefinition BasketTable = new("basket", new KeyDefinition("userName"));

    /// <summary>Basket's view of the catalogue: name, price, deleted and version of each product, fed by ProductChanged events.</summary>
    public static readonly TableDefinition BasketCatalogueTable = new("basket-catalogue", new KeyDefinition("productId"));

    public static readonly TableDefinition CheckoutIdempotencyTable = new(
        "basket-checkout-idempotency",
        new KeyDefinition("idempotencyKey"),
        TimeToLiveAttribute: "expiresAt");

    public static readonly TableDefinition OrderTable = new("order", new KeyDefinition("userName"), new KeyDefinition("orderDate"));

    public const string EventBusName = "SwnEventBus";
    public const string CheckoutRuleName = "CheckoutBasketRule";
    public const string OrderQueueName = "OrderQueue";
    public const string OrderDeadLetterQueueName = "OrderQueueDLQ";
    public const int OrderQueueMaxReceiveCount = 5;

    public const string CheckoutEventSource = "com.swn.basket.checkoutbasket";
    public const string CheckoutEventDetailType = "CheckoutBasket";

    /// <summary>The event pattern of the checkout rule, as EventBridge reads it.</summary>
    public const string CheckoutEventPattern =
        $$"""{"source":["{{CheckoutEventSource}}"],"detail-type":["{{CheckoutEventDetailType}}"]}""";

    public const string ProductChangedRuleName = "ProductChangedRule";
    public const string BasketCatalogueQueueName = "BasketCatalogueQueue";
    public const string BasketCatalogueDeadLetterQueueName = "BasketCatalogueQueueDLQ";
    public const int BasketCatalogueQueueMaxReceiveCount = 5;

    public const string ProductChangedEventSource = "com.swn.product";
    public const string ProductChangedEventDetailType = "ProductChanged";

    /// <summary>The event pattern of the product-change rule, as EventBridge reads it.</summary>
    public const string ProductChangedEventPattern =
        $$"""{"source":["{{ProductChangedEventSource}}"],"detail-type":["{{ProductChangedEventDetailType}}"]}""";
}
