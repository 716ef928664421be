namespace Ecommerce.Shared.Resources;

// This file depends on nothing but the BCL: the CDK app in deploy/ compiles it in as well,
// so local provisioning, the test hosts and the cloud stack read one set of names and key schemas.

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
/// A resource the services find by name: its setting under <c>Resources</c> (<c>Resources__ProductTable</c>
/// in the environment) and the name it has where that setting is not given.
/// </summary>
public record ResourceDefinition(string Setting, string DefaultName)
{
    public const string Section = "Resources";

    /// <summary>The setting as an environment variable, e.g. <c>Resources__ProductTable</c>.</summary>
    public string EnvironmentVariable => $"{Section}__{Setting}";

    /// <summary>The setting as a configuration key, e.g. <c>Resources:ProductTable</c>.</summary>
    public string ConfigurationKey => $"{Section}:{Setting}";
}

/// <summary>
/// A DynamoDB table: its setting and default name, its key schema, its indexes, its TTL attribute, and whether it
/// keeps a stream of new and old images (<c>NEW_AND_OLD_IMAGES</c>).
/// </summary>
public sealed record TableDefinition(
    string Setting,
    string DefaultName,
    KeyDefinition PartitionKey,
    KeyDefinition? SortKey = null,
    IReadOnlyList<IndexDefinition>? Indexes = null,
    string? TimeToLiveAttribute = null,
    bool StreamsNewAndOldImages = false) : ResourceDefinition(Setting, DefaultName)
{
    public IReadOnlyList<IndexDefinition> GlobalSecondaryIndexes => Indexes ?? [];
}

/// <summary>
/// Where a consumer's events wait: an SQS queue with its dead-letter queue, fed by an EventBridge rule that
/// matches one source and detail type.
/// </summary>
public sealed record EventQueueDefinition(
    ResourceDefinition Queue,
    ResourceDefinition DeadLetterQueue,
    ResourceDefinition Rule,
    string EventSource,
    string EventDetailType,
    int MaxReceiveCount)
{
    /// <summary>The rule's event pattern, as EventBridge reads it.</summary>
    public string EventPattern => $$"""{"source":["{{EventSource}}"],"detail-type":["{{EventDetailType}}"]}""";
}

/// <summary>Every AWS resource the system owns, with its setting and default name.</summary>
public static class ResourceDefinitions
{
    /// <summary>The product catalogue. Its stream is the outbox of the ProductChanged events.</summary>
    public static readonly TableDefinition ProductTable = new(
        nameof(ProductTable),
        "product",
        new KeyDefinition("id"),
        Indexes: [new IndexDefinition("category-index", new KeyDefinition("category"), new KeyDefinition("id"))],
        StreamsNewAndOldImages: true);

    public static readonly TableDefinition BasketTable = new(nameof(BasketTable), "basket", new KeyDefinition("userName"));

    /// <summary>Basket's view of the product catalogue: name, price, deleted and version of each product, fed by ProductChanged events.</summary>
    public static readonly TableDefinition BasketCatalogueTable = new(nameof(BasketCatalogueTable), "basket-catalogue", new KeyDefinition("productId"));

    public static readonly TableDefinition CheckoutIdempotencyTable = new(
        nameof(CheckoutIdempotencyTable),
        "basket-checkout-idempotency",
        new KeyDefinition("idempotencyKey"),
        TimeToLiveAttribute: "expiresAt");

    public static readonly TableDefinition OrderTable = new(nameof(OrderTable), "order", new KeyDefinition("userName"), new KeyDefinition("orderDate"));

    public static readonly ResourceDefinition EventBus = new(nameof(EventBus), "SwnEventBus");

    public static readonly ResourceDefinition CheckoutRule = new(nameof(CheckoutRule), "CheckoutBasketRule");
    public static readonly ResourceDefinition OrderQueue = new(nameof(OrderQueue), "OrderQueue");
    public static readonly ResourceDefinition OrderDeadLetterQueue = new(nameof(OrderDeadLetterQueue), "OrderQueueDLQ");

    public static readonly ResourceDefinition ProductChangedRule = new(nameof(ProductChangedRule), "ProductChangedRule");
    public static readonly ResourceDefinition BasketCatalogueQueue = new(nameof(BasketCatalogueQueue), "BasketCatalogueQueue");
    public static readonly ResourceDefinition BasketCatalogueDeadLetterQueue = new(nameof(BasketCatalogueDeadLetterQueue), "BasketCatalogueQueueDLQ");

    public const string CheckoutEventSource = "com.swn.basket.checkoutbasket";
    public const string CheckoutEventDetailType = "CheckoutBasket";
    public const string ProductChangedEventSource = "com.swn.product";
    public const string ProductChangedEventDetailType = "ProductChanged";

    /// <summary>Checkout events on their way to Ordering: OrderQueue, fed by the checkout rule, redriven to OrderQueueDLQ.</summary>
    public static readonly EventQueueDefinition CheckoutEvents = new(
        OrderQueue, OrderDeadLetterQueue, CheckoutRule, CheckoutEventSource, CheckoutEventDetailType, MaxReceiveCount: 5);

    /// <summary>Product changes on their way to Basket's view: BasketCatalogueQueue, fed by the product-change rule, redriven to its DLQ.</summary>
    public static readonly EventQueueDefinition ProductChangedEvents = new(
        BasketCatalogueQueue, BasketCatalogueDeadLetterQueue, ProductChangedRule, ProductChangedEventSource, ProductChangedEventDetailType, MaxReceiveCount: 5);

    /// <summary>Every resource found by name, for a host or a stack that names them all.</summary>
    public static IReadOnlyList<ResourceDefinition> All =>
    [
        ProductTable, BasketTable, BasketCatalogueTable, CheckoutIdempotencyTable, OrderTable,
        EventBus,
        CheckoutRule, OrderQueue, OrderDeadLetterQueue,
        ProductChangedRule, BasketCatalogueQueue, BasketCatalogueDeadLetterQueue,
    ];
}
