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
/// matches events from any of <paramref name="EventSources"/> with any of <paramref name="EventDetailTypes"/>.
/// The rule's target keeps what it could not deliver in <paramref name="RuleDeadLetterQueue"/>, after the
/// retry policy (<see cref="RuleRetryAttempts"/>, <see cref="RuleMaximumEventAgeSeconds"/>).
/// </summary>
public sealed record EventQueueDefinition(
    ResourceDefinition Queue,
    ResourceDefinition DeadLetterQueue,
    ResourceDefinition Rule,
    ResourceDefinition RuleDeadLetterQueue,
    IReadOnlyList<string> EventSources,
    IReadOnlyList<string> EventDetailTypes,
    int MaxReceiveCount = 5)
{
    /// <summary>How often EventBridge retries delivering to the queue, and for how long, before the event goes to the rule's dead-letter queue: AWS's own defaults, set explicitly.</summary>
    public const int RuleRetryAttempts = 185;
    public const int RuleMaximumEventAgeSeconds = 24 * 60 * 60;


    /// <summary>The rule's event pattern, as EventBridge reads it.</summary>
    public string EventPattern =>
        $$"""{"source":[{{string.Join(",", EventSources.Select(Quoted))}}],"detail-type":[{{string.Join(",", EventDetailTypes.Select(Quoted))}}]}""";

    /// <summary>What the queue carries, for logs and spans: its detail types, e.g. <c>CheckoutBasket</c>.</summary>
    public string EventNames => string.Join("/", EventDetailTypes);

    private static string Quoted(string name) => $"\"{name}\"";
}

/// <summary>Every AWS resource the system owns, with its setting and default name.</summary>
public static class ResourceDefinitions
{
    /// <summary>
    /// The product catalogue. Its stream is the outbox of the ProductChanged events. A deleted product's tombstone, and a
    /// republish run's record, expire by TTL.
    /// </summary>
    public static readonly TableDefinition ProductTable = new(
        nameof(ProductTable),
        "product",
        new KeyDefinition("id"),
        Indexes: [new IndexDefinition("category-index", new KeyDefinition("category"), new KeyDefinition("id"))],
        TimeToLiveAttribute: "expiresAt",
        StreamsNewAndOldImages: true);

    public static readonly TableDefinition BasketTable = new(nameof(BasketTable), "basket", new KeyDefinition("userName"));

    /// <summary>Basket's view of the product catalogue: name, price, deleted and version of each product, fed by ProductChanged events.</summary>
    public static readonly TableDefinition BasketCatalogueTable = new(nameof(BasketCatalogueTable), "basket-catalogue", new KeyDefinition("productId"));

    public static readonly TableDefinition CheckoutIdempotencyTable = new(
        nameof(CheckoutIdempotencyTable),
        "basket-checkout-idempotency",
        new KeyDefinition("idempotencyKey"),
        TimeToLiveAttribute: "expiresAt");

    /// <summary>
    /// Orders, a user's newest first. Its stream is the outbox of the order's events; an order is found by its id
    /// (<c>orderId-index</c>) and every order in a status newest first (<c>status-index</c>).
    /// </summary>
    public static readonly TableDefinition OrderTable = new(
        nameof(OrderTable),
        "order",
        new KeyDefinition("userName"),
        new KeyDefinition("orderDate"),
        Indexes:
        [
            new IndexDefinition("orderId-index", new KeyDefinition("orderId")),
            new IndexDefinition("status-index", new KeyDefinition("status"), new KeyDefinition("orderDate")),
        ],
        StreamsNewAndOldImages: true);

    /// <summary>Inventory's stock records: on hand, reserved and available of each product it learned from ProductChanged.</summary>
    public static readonly TableDefinition StockTable = new(nameof(StockTable), "inventory-stock", new KeyDefinition("productId"));

    /// <summary>Inventory's reservations, one per order: the lines it holds and how far reserving, releasing or taking went.</summary>
    public static readonly TableDefinition ReservationTable = new(nameof(ReservationTable), "inventory-reservation", new KeyDefinition("orderId"));

    /// <summary>Payment's record of each order's money at the provider: the payment intent and its state.</summary>
    public static readonly TableDefinition PaymentTable = new(nameof(PaymentTable), "payment", new KeyDefinition("orderId"));

    public static readonly ResourceDefinition EventBus = new(nameof(EventBus), "SwnEventBus");

    public static readonly ResourceDefinition CheckoutRule = new(nameof(CheckoutRule), "CheckoutBasketRule");
    public static readonly ResourceDefinition CheckoutRuleDeadLetterQueue = new(nameof(CheckoutRuleDeadLetterQueue), "CheckoutRuleDLQ");
    public static readonly ResourceDefinition OrderQueue = new(nameof(OrderQueue), "OrderQueue");
    public static readonly ResourceDefinition OrderDeadLetterQueue = new(nameof(OrderDeadLetterQueue), "OrderQueueDLQ");

    public static readonly ResourceDefinition ProductChangedRule = new(nameof(ProductChangedRule), "ProductChangedRule");
    public static readonly ResourceDefinition ProductChangedRuleDeadLetterQueue = new(nameof(ProductChangedRuleDeadLetterQueue), "ProductChangedRuleDLQ");
    public static readonly ResourceDefinition BasketCatalogueQueue = new(nameof(BasketCatalogueQueue), "BasketCatalogueQueue");
    public static readonly ResourceDefinition BasketCatalogueDeadLetterQueue = new(nameof(BasketCatalogueDeadLetterQueue), "BasketCatalogueQueueDLQ");

    public static readonly ResourceDefinition InventoryProductRule = new(nameof(InventoryProductRule), "InventoryProductRule");
    public static readonly ResourceDefinition InventoryProductRuleDeadLetterQueue = new(nameof(InventoryProductRuleDeadLetterQueue), "InventoryProductRuleDLQ");
    public static readonly ResourceDefinition InventoryProductQueue = new(nameof(InventoryProductQueue), "InventoryProductQueue");
    public static readonly ResourceDefinition InventoryProductDeadLetterQueue = new(nameof(InventoryProductDeadLetterQueue), "InventoryProductQueueDLQ");

    public static readonly ResourceDefinition InventoryOrderRule = new(nameof(InventoryOrderRule), "InventoryOrderRule");
    public static readonly ResourceDefinition InventoryOrderRuleDeadLetterQueue = new(nameof(InventoryOrderRuleDeadLetterQueue), "InventoryOrderRuleDLQ");
    public static readonly ResourceDefinition InventoryOrderQueue = new(nameof(InventoryOrderQueue), "InventoryOrderQueue");
    public static readonly ResourceDefinition InventoryOrderDeadLetterQueue = new(nameof(InventoryOrderDeadLetterQueue), "InventoryOrderQueueDLQ");

    public static readonly ResourceDefinition PaymentOrderRule = new(nameof(PaymentOrderRule), "PaymentOrderRule");
    public static readonly ResourceDefinition PaymentOrderRuleDeadLetterQueue = new(nameof(PaymentOrderRuleDeadLetterQueue), "PaymentOrderRuleDLQ");
    public static readonly ResourceDefinition PaymentOrderQueue = new(nameof(PaymentOrderQueue), "PaymentOrderQueue");
    public static readonly ResourceDefinition PaymentOrderDeadLetterQueue = new(nameof(PaymentOrderDeadLetterQueue), "PaymentOrderQueueDLQ");

    public static readonly ResourceDefinition OrderSagaRule = new(nameof(OrderSagaRule), "OrderSagaRule");
    public static readonly ResourceDefinition OrderSagaRuleDeadLetterQueue = new(nameof(OrderSagaRuleDeadLetterQueue), "OrderSagaRuleDLQ");
    public static readonly ResourceDefinition OrderSagaQueue = new(nameof(OrderSagaQueue), "OrderSagaQueue");
    public static readonly ResourceDefinition OrderSagaDeadLetterQueue = new(nameof(OrderSagaDeadLetterQueue), "OrderSagaQueueDLQ");

    public static readonly ResourceDefinition OrderExpiryRule = new(nameof(OrderExpiryRule), "OrderExpiryRule");
    public static readonly ResourceDefinition OrderExpiryRuleDeadLetterQueue = new(nameof(OrderExpiryRuleDeadLetterQueue), "OrderExpiryRuleDLQ");
    public static readonly ResourceDefinition OrderExpiryQueue = new(nameof(OrderExpiryQueue), "OrderExpiryQueue");
    public static readonly ResourceDefinition OrderExpiryDeadLetterQueue = new(nameof(OrderExpiryDeadLetterQueue), "OrderExpiryQueueDLQ");

    /// <summary>The Stripe secret key's SSM parameter (a SecureString the deployer puts there): only Payment reads it.</summary>
    public static readonly ResourceDefinition StripeSecretKeyParameter = new(nameof(StripeSecretKeyParameter), "/ecommerce/stripe/secret-key");

    public const string CheckoutEventSource = "com.swn.basket.checkoutbasket";
    public const string CheckoutEventDetailType = "CheckoutBasket";
    public const string ProductChangedEventSource = "com.swn.product";
    public const string ProductChangedEventDetailType = "ProductChanged";

    /// <summary>Ordering's events of an order's life, one detail type per status reached: <c>Order{Status}</c>.</summary>
    public const string OrderEventSource = "com.swn.ordering";
    public const string OrderSubmitted = "OrderSubmitted";
    public const string OrderStockReserved = "OrderStockReserved";
    public const string OrderConfirmed = "OrderConfirmed";
    public const string OrderShipped = "OrderShipped";
    public const string OrderCancelled = "OrderCancelled";

    /// <summary>Inventory's answers about an order's stock.</summary>
    public const string InventoryEventSource = "com.swn.inventory";
    public const string StockReserved = "StockReserved";
    public const string StockRejected = "StockRejected";

    /// <summary>Payment's answers about an order's money.</summary>
    public const string PaymentEventSource = "com.swn.payment";
    public const string PaymentAuthorized = "PaymentAuthorized";
    public const string PaymentDeclined = "PaymentDeclined";
    public const string PaymentCaptured = "PaymentCaptured";
    public const string PaymentCaptureFailed = "PaymentCaptureFailed";
    public const string PaymentVoided = "PaymentVoided";

    /// <summary>Checkout events on their way to Ordering: OrderQueue, fed by the checkout rule, redriven to OrderQueueDLQ.</summary>
    public static readonly EventQueueDefinition CheckoutEvents = new(
        OrderQueue, OrderDeadLetterQueue, CheckoutRule, CheckoutRuleDeadLetterQueue, [CheckoutEventSource], [CheckoutEventDetailType]);

    /// <summary>Product changes on their way to Basket's view: BasketCatalogueQueue, fed by the product-change rule, redriven to its DLQ.</summary>
    public static readonly EventQueueDefinition ProductChangedEvents = new(
        BasketCatalogueQueue, BasketCatalogueDeadLetterQueue, ProductChangedRule, ProductChangedRuleDeadLetterQueue, [ProductChangedEventSource], [ProductChangedEventDetailType]);

    /// <summary>Product changes on their way to Inventory, which learns the products it keeps stock of: a rule of its own on the same pattern.</summary>
    public static readonly EventQueueDefinition InventoryProductEvents = new(
        InventoryProductQueue, InventoryProductDeadLetterQueue, InventoryProductRule, InventoryProductRuleDeadLetterQueue, [ProductChangedEventSource], [ProductChangedEventDetailType]);

    /// <summary>The steps of an order's life that move stock: reserve when submitted, release when cancelled, take when shipped.</summary>
    public static readonly EventQueueDefinition InventoryOrderEvents = new(
        InventoryOrderQueue, InventoryOrderDeadLetterQueue, InventoryOrderRule, InventoryOrderRuleDeadLetterQueue, [OrderEventSource], [OrderSubmitted, OrderCancelled, OrderShipped]);

    /// <summary>The steps of an order's life that move money: authorize once stock is reserved, void when cancelled, capture when shipped.</summary>
    public static readonly EventQueueDefinition PaymentOrderEvents = new(
        PaymentOrderQueue, PaymentOrderDeadLetterQueue, PaymentOrderRule, PaymentOrderRuleDeadLetterQueue, [OrderEventSource], [OrderStockReserved, OrderCancelled, OrderShipped]);

    /// <summary>Inventory's and Payment's answers on their way back to Ordering, which alone moves the order on.</summary>
    public static readonly EventQueueDefinition OrderSagaEvents = new(
        OrderSagaQueue,
        OrderSagaDeadLetterQueue,
        OrderSagaRule,
        OrderSagaRuleDeadLetterQueue,
        [InventoryEventSource, PaymentEventSource],
        [StockReserved, StockRejected, PaymentAuthorized, PaymentDeclined, PaymentCaptured, PaymentCaptureFailed, PaymentVoided]);

    /// <summary>
    /// Every submitted order again, once its time to be confirmed has run out: the queue's delivery delay (SQS's own,
    /// at most 15 minutes, locally and in AWS alike) holds each OrderSubmitted event that long.
    /// </summary>
    public static readonly EventQueueDefinition OrderExpiryEvents = new(
        OrderExpiryQueue, OrderExpiryDeadLetterQueue, OrderExpiryRule, OrderExpiryRuleDeadLetterQueue, [OrderEventSource], [OrderSubmitted]);

    /// <summary>Every resource found by name, for a host or a stack that names them all.</summary>
    public static IReadOnlyList<ResourceDefinition> All =>
    [
        ProductTable, BasketTable, BasketCatalogueTable, CheckoutIdempotencyTable, OrderTable, StockTable, ReservationTable, PaymentTable,
        EventBus,
        CheckoutRule, CheckoutRuleDeadLetterQueue, OrderQueue, OrderDeadLetterQueue,
        ProductChangedRule, ProductChangedRuleDeadLetterQueue, BasketCatalogueQueue, BasketCatalogueDeadLetterQueue,
        InventoryProductRule, InventoryProductRuleDeadLetterQueue, InventoryProductQueue, InventoryProductDeadLetterQueue,
        InventoryOrderRule, InventoryOrderRuleDeadLetterQueue, InventoryOrderQueue, InventoryOrderDeadLetterQueue,
        PaymentOrderRule, PaymentOrderRuleDeadLetterQueue, PaymentOrderQueue, PaymentOrderDeadLetterQueue,
        OrderSagaRule, OrderSagaRuleDeadLetterQueue, OrderSagaQueue, OrderSagaDeadLetterQueue,
        OrderExpiryRule, OrderExpiryRuleDeadLetterQueue, OrderExpiryQueue, OrderExpiryDeadLetterQueue,
        StripeSecretKeyParameter,
    ];
}
