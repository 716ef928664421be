using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Ecr.Assets;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// The fourteen Lambda functions, each a service's container image behind AWS Lambda Web Adapter, with
/// only the permissions its own work needs: five behind the HTTP API (one per service), and nine that LWA
/// feeds events through <c>POST /events</c>, each with every consumer of its image off but its own.
/// </summary>
public sealed class ServiceFunctions : Construct
{
    /// <summary>API Gateway answers 504 after 30 seconds, so an HTTP function has no use for longer.</summary>
    public const int HttpTimeoutSeconds = 30;
    public const int ConsumerTimeoutSeconds = 30;
    public const int ConsumerBatchSize = 10;

    /// <summary>
    /// For the queues off a shopper's path (product changes, expiries): a second gathers batches when it is quiet,
    /// and nobody waits on them.
    /// </summary>
    public const int ConsumerBatchingWindowSeconds = 1;

    /// <summary>
    /// For each hop from checkout to Confirmed (checkout, stock, payment, the answers back): none, so the poller hands
    /// over what one long poll returns at once. A window adds to every hop a shopper waits through, and under load a
    /// poll returns full batches of ten anyway (deploy/README.md adds up the wait).
    /// </summary>
    public const int SagaBatchingWindowSeconds = 0;

    /// <summary>
    /// At most this many consumer instances at once: a burst waits in the queue instead of being throttled
    /// (a throttled receive still counts toward the dead-letter queue's receive count). Five keep up with
    /// hundreds of orders a second and leave the account's concurrency to the HTTP functions.
    /// </summary>
    public const int ConsumerMaximumConcurrency = 5;

    /// <summary>
    /// Kept for each consumer, so a flood of API traffic cannot take the account's concurrency from it: a throttled SQS
    /// receive counts toward the dead-letter queue's receive count. As much as its mapping may use, and no more (Lambda
    /// throttles a mapping whose maximum concurrency is above the function's reserve).
    /// </summary>
    public const int ConsumerReservedConcurrency = ConsumerMaximumConcurrency;

    /// <summary>
    /// Every status outside 200-299, in Lambda Web Adapter's list-and-range syntax: anything but a 2xx
    /// from <c>/events</c> fails the invocation, so the batch is retried instead of being taken as done.
    /// </summary>
    public const string ConsumerErrorStatusCodes = "100-199,300-999";

    /// <summary>Stream records per publisher invocation: one PutEvents call, which takes at most ten entries.</summary>
    public const int PublisherBatchSize = 10;

    /// <summary>
    /// How often Lambda retries a failed stream batch (halving it each time, which costs no retry) before it
    /// records the batch in the stream's dead-letter queue and moves on: bounded, so one bad record cannot hold its shard
    /// for the stream's whole 24 hours.
    /// </summary>
    public const int PublisherRetryAttempts = 10;

    /// <summary>The one data action the stack grants on "*": IAM takes no other resource for it, and it reads no data.</summary>
    public const string ListStreams = "dynamodb:ListStreams";

    /// <summary>Each image's consumers, by the setting that turns one on (<c>Lambda</c>) or off (<c>Off</c>).</summary>
    public static readonly string[] ProductModes = ["Product__Publisher__Mode"];
    public static readonly string[] BasketModes = ["Basket__Catalogue__Mode"];
    public static readonly string[] OrderingModes = ["Ordering__Consumer__Mode", "Ordering__Saga__Mode", "Ordering__Expiry__Mode", "Ordering__Publisher__Mode"];
    public static readonly string[] InventoryModes = ["Inventory__Products__Mode", "Inventory__Orders__Mode"];
    public static readonly string[] PaymentModes = ["Payment__Orders__Mode"];

    /// <summary>How long after checkout Ordering cancels an order not yet Confirmed; the expiry queue's delivery delay is the same.</summary>
    public const string OrderExpirySetting = "Ordering__Expiry__AfterSeconds";

    public Function Product { get; }
    public Function Basket { get; }
    public Function OrderingApi { get; }
    public Function OrderingConsumer { get; }
    public Function ProductPublisher { get; }
    public Function BasketCatalogueConsumer { get; }
    public Function OrderingSagaConsumer { get; }
    public Function OrderingExpiryConsumer { get; }
    public Function OrderingPublisher { get; }
    public Function InventoryApi { get; }
    public Function InventoryProductConsumer { get; }
    public Function InventoryOrderConsumer { get; }
    public Function PaymentApi { get; }
    public Function PaymentOrderConsumer { get; }

    public IReadOnlyList<Function> All => [.. HttpFunctions, .. Consumers];

    /// <summary>The functions behind the HTTP API, one per service.</summary>
    public IReadOnlyList<Function> HttpFunctions => [Product, Basket, OrderingApi, InventoryApi, PaymentApi];

    /// <summary>The functions fed by an event source, each failing its batch on anything but a 2xx.</summary>
    public IReadOnlyList<Function> Consumers =>
    [
        OrderingConsumer, ProductPublisher, BasketCatalogueConsumer,
        OrderingSagaConsumer, OrderingExpiryConsumer, OrderingPublisher, InventoryProductConsumer, InventoryOrderConsumer, PaymentOrderConsumer,
    ];

    /// <summary>The mapping that feeds the product table's stream to the publisher.</summary>
    public EventSourceMapping ProductStream { get; }

    /// <summary>The mapping that feeds the order table's stream to Ordering's publisher.</summary>
    public EventSourceMapping OrderStream { get; }

    /// <summary>The ARN of the Stripe secret key's parameter (named by context; the deployer puts the key there).</summary>
    public string StripeSecretKeyParameterArn { get; }

    private readonly Dictionary<string, string> _auth;

    /// <summary>The paging tokens' HMAC key, generated once per stack and shared by every instance.</summary>
    public Secret PagingTokenKey { get; }

    public ServiceFunctions(
        Construct scope,
        string id,
        DeploySettings settings,
        string repositoryRoot,
        DataTables tables,
        CheckoutMessaging messaging,
        CatalogueMessaging catalogue,
        SagaMessaging saga,
        Identity identity)
        : base(scope, id)
    {
        // Every service validates the access token again, against the same pool and client as the API.
        _auth = new Dictionary<string, string>
        {
            ["Auth__Issuer"] = identity.Issuer,
            ["Auth__ClientIds"] = identity.Client.UserPoolClientId,
        };
        if (identity.AdminRequiresMfa)
        {
            _auth["Auth__AdminRequiresMfa"] = "true";
        }

        PagingTokenKey = new Secret(this, "PagingTokenKey", new SecretProps
        {
            Description = "HMAC key of the services' paging tokens (base64).",
            // 64 characters of [A-Za-z0-9] decode as base64 to 48 bytes (about 380 random bits); the codec needs 32.
            GenerateSecretString = new SecretStringGenerator
            {
                PasswordLength = 64,
                ExcludePunctuation = true,
                IncludeSpace = false,
                RequireEachIncludedType = false,
            },
            RemovalPolicy = settings.RemovalPolicy,
        });
        // CloudFormation resolves the reference at deploy time: the key never sits in the template or the repo.
        var pagingTokenKey = PagingTokenKey.SecretValue.UnsafeUnwrap();

        var images = new ServiceImages(repositoryRoot, settings);

        // Every function of an image is told every name its service reads (Deploy.Tests starts each to check).
        var productNames = Names(
            (ResourceDefinitions.ProductTable, tables.Products.TableName),
            (ResourceDefinitions.EventBus, messaging.Bus.EventBusName));
        var basketNames = Names(
            (ResourceDefinitions.BasketTable, tables.Baskets.TableName),
            (ResourceDefinitions.CheckoutIdempotencyTable, tables.CheckoutIdempotency.TableName),
            (ResourceDefinitions.BasketCatalogueTable, tables.BasketCatalogue.TableName),
            (ResourceDefinitions.EventBus, messaging.Bus.EventBusName),
            (ResourceDefinitions.BasketCatalogueQueue, catalogue.BasketCatalogueQueue.QueueName),
            (ResourceDefinitions.BasketCatalogueDeadLetterQueue, catalogue.DeadLetterQueue.QueueName));
        var orderingNames = Names(
        [
            (ResourceDefinitions.OrderTable, tables.Orders.TableName),
            (ResourceDefinitions.EventBus, messaging.Bus.EventBusName),
            (ResourceDefinitions.OrderQueue, messaging.OrderQueue.QueueName),
            (ResourceDefinitions.OrderDeadLetterQueue, messaging.DeadLetterQueue.QueueName),
            .. QueueNames(ResourceDefinitions.OrderSagaEvents, saga.OrderSaga),
            .. QueueNames(ResourceDefinitions.OrderExpiryEvents, saga.OrderExpiry),
        ]);
        orderingNames[OrderExpirySetting] = settings.OrderExpirySeconds.ToString(CultureInfo.InvariantCulture);
        var inventoryNames = Names(
        [
            (ResourceDefinitions.StockTable, tables.Stock.TableName),
            (ResourceDefinitions.ReservationTable, tables.Reservations.TableName),
            (ResourceDefinitions.EventBus, messaging.Bus.EventBusName),
            .. QueueNames(ResourceDefinitions.InventoryProductEvents, saga.InventoryProducts),
            .. QueueNames(ResourceDefinitions.InventoryOrderEvents, saga.InventoryOrders),
        ]);
        var paymentNames = Names(
        [
            (ResourceDefinitions.PaymentTable, tables.Payments.TableName),
            (ResourceDefinitions.EventBus, messaging.Bus.EventBusName),
            .. QueueNames(ResourceDefinitions.PaymentOrderEvents, saga.PaymentOrders),
            (ResourceDefinitions.StripeSecretKeyParameter, settings.StripeSecretKeyParameter),
        ]);

        Product = NewFunction("Product", images.Product, settings, HttpTimeoutSeconds, Http(productNames, ProductModes, pagingTokenKey));
        tables.Products.GrantReadWriteData(Product);

        Basket = NewFunction("Basket", images.Basket, settings, HttpTimeoutSeconds, Http(basketNames, BasketModes, pagingTokenKey));
        tables.Baskets.GrantReadWriteData(Basket);
        tables.CheckoutIdempotency.GrantReadWriteData(Basket);
        // Prices and names come from the view; only the catalogue consumer writes it.
        tables.BasketCatalogue.GrantReadData(Basket);
        messaging.Bus.GrantPutEventsTo(Basket);

        OrderingApi = NewFunction("OrderingApi", images.Ordering, settings, HttpTimeoutSeconds, Http(orderingNames, OrderingModes, pagingTokenKey));
        tables.Orders.GrantReadData(OrderingApi);
        // Cancel and ship: one conditional UpdateItem each, never a new order.
        tables.Orders.Grant(OrderingApi, "dynamodb:UpdateItem");

        // The same image as OrderingApi: LWA hands each SQS batch to POST /events, and any non-2xx fails the whole batch.
        OrderingConsumer = NewConsumer("OrderingConsumer", images.Ordering, settings, Consumer(orderingNames, OrderingModes, "Ordering__Consumer__Mode"));
        tables.Orders.GrantWriteData(OrderingConsumer);
        // A redelivered event fails the conditional put; the consumer then reads that one key to tell a duplicate from a clash.
        tables.Orders.Grant(OrderingConsumer, "dynamodb:GetItem");
        ReadQueue(OrderingConsumer, messaging.OrderQueue, SagaBatchingWindowSeconds);

        // Inventory's and Payment's answers move the order on, each one conditional UpdateItem on the order's key.
        OrderingSagaConsumer = NewConsumer("OrderingSagaConsumer", images.Ordering, settings, Consumer(orderingNames, OrderingModes, "Ordering__Saga__Mode"));
        tables.Orders.Grant(OrderingSagaConsumer, "dynamodb:UpdateItem", "dynamodb:GetItem");
        ReadQueue(OrderingSagaConsumer, saga.OrderSaga.Queue, SagaBatchingWindowSeconds);

        OrderingExpiryConsumer = NewConsumer("OrderingExpiryConsumer", images.Ordering, settings, Consumer(orderingNames, OrderingModes, "Ordering__Expiry__Mode"));
        tables.Orders.Grant(OrderingExpiryConsumer, "dynamodb:UpdateItem", "dynamodb:GetItem");
        ReadQueue(OrderingExpiryConsumer, saga.OrderExpiry.Queue, ConsumerBatchingWindowSeconds);

        // The order table's stream is the outbox of the order's events, as the product table's is of ProductChanged.
        OrderingPublisher = NewConsumer("OrderingPublisher", images.Ordering, settings, Consumer(orderingNames, OrderingModes, "Ordering__Publisher__Mode"));
        messaging.Bus.GrantPutEventsTo(OrderingPublisher);
        OrderStream = ReadStream(OrderingPublisher, "OrderStream", tables.Orders, saga.OrderStreamDeadLetterQueue);

        // The product image again: LWA hands each batch of stream records to POST /events, and the app answers
        // the sequence numbers it could not publish as batchItemFailures, as Lambda reads them for a stream.
        ProductPublisher = NewConsumer("ProductPublisher", images.Product, settings, Consumer(productNames, ProductModes, "Product__Publisher__Mode"));
        messaging.Bus.GrantPutEventsTo(ProductPublisher);
        // A republish run goes on in the publisher, a page per change of the run's item: it reads a page and touches each product.
        // On the table alone: a table grant would add its indexes (index/*), which a run never reads.
        ProductPublisher.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["dynamodb:Scan", "dynamodb:UpdateItem"],
            Resources = [tables.Products.TableArn],
        }));
        ProductStream = ReadStream(ProductPublisher, "ProductStream", tables.Products, catalogue.StreamDeadLetterQueue);

        BasketCatalogueConsumer = NewConsumer("BasketCatalogueConsumer", images.Basket, settings, Consumer(basketNames, BasketModes, "Basket__Catalogue__Mode"));
        // A change is applied only when its version is newer than the view's, which the consumer reads and writes; nothing else of Basket's.
        tables.BasketCatalogue.GrantReadWriteData(BasketCatalogueConsumer);
        ReadQueue(BasketCatalogueConsumer, catalogue.BasketCatalogueQueue, ConsumerBatchingWindowSeconds);

        // Reads stock for anyone, and sets an admin's onHand: the stock table only, never a reservation.
        InventoryApi = NewFunction("InventoryApi", images.Inventory, settings, HttpTimeoutSeconds, Http(inventoryNames, InventoryModes, pagingTokenKey: null));
        tables.Stock.GrantReadWriteData(InventoryApi);

        InventoryProductConsumer = NewConsumer("InventoryProductConsumer", images.Inventory, settings, Consumer(inventoryNames, InventoryModes, "Inventory__Products__Mode"));
        tables.Stock.GrantReadWriteData(InventoryProductConsumer);
        ReadQueue(InventoryProductConsumer, saga.InventoryProducts.Queue, ConsumerBatchingWindowSeconds);

        // Reserves, releases and takes in transactions over both tables, and answers on the bus.
        InventoryOrderConsumer = NewConsumer("InventoryOrderConsumer", images.Inventory, settings, Consumer(inventoryNames, InventoryModes, "Inventory__Orders__Mode"));
        tables.Stock.GrantReadWriteData(InventoryOrderConsumer);
        tables.Reservations.GrantReadWriteData(InventoryOrderConsumer);
        messaging.Bus.GrantPutEventsTo(InventoryOrderConsumer);
        ReadQueue(InventoryOrderConsumer, saga.InventoryOrders.Queue, SagaBatchingWindowSeconds);

        StripeSecretKeyParameterArn = ParameterArn(settings.StripeSecretKeyParameter);

        // An admin reads a payment record; the service reads the provider's key at start, as the consumer does.
        PaymentApi = NewFunction("PaymentApi", images.Payment, settings, HttpTimeoutSeconds, Http(paymentNames, PaymentModes, pagingTokenKey: null));
        tables.Payments.GrantReadData(PaymentApi);
        ReadSecretKey(PaymentApi);

        PaymentOrderConsumer = NewConsumer("PaymentOrderConsumer", images.Payment, settings, Consumer(paymentNames, PaymentModes, "Payment__Orders__Mode"));
        tables.Payments.GrantReadWriteData(PaymentOrderConsumer);
        messaging.Bus.GrantPutEventsTo(PaymentOrderConsumer);
        ReadSecretKey(PaymentOrderConsumer);
        ReadQueue(PaymentOrderConsumer, saga.PaymentOrders.Queue, SagaBatchingWindowSeconds);
    }

    // SSM's ARN of a name with a leading slash keeps one slash: arn:...:parameter/ecommerce/stripe/secret-key.
    private static string ParameterArn(string name) =>
        $"arn:{Aws.PARTITION}:ssm:{Aws.REGION}:{Aws.ACCOUNT_ID}:parameter/{name.TrimStart('/')}";

    /// <summary>
    /// GetParameter on the one parameter, and Decrypt through SSM only for that parameter (SSM puts its ARN in the encryption
    /// context): the AWS-managed key <c>alias/aws/ssm</c> has an id IAM cannot know, so the key is any of the account's,
    /// narrowed by those conditions.
    /// </summary>
    private void ReadSecretKey(Function function)
    {
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ssm:GetParameter"],
            Resources = [StripeSecretKeyParameterArn],
        }));
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:Decrypt"],
            Resources = [$"arn:{Aws.PARTITION}:kms:{Aws.REGION}:{Aws.ACCOUNT_ID}:key/*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["kms:ViaService"] = $"ssm.{Aws.REGION}.amazonaws.com",
                    ["kms:EncryptionContext:PARAMETER_ARN"] = StripeSecretKeyParameterArn,
                },
            },
        }));
    }

    private static Dictionary<string, string> Names(params (ResourceDefinition Resource, string Name)[] resources) =>
        resources.ToDictionary(r => r.Resource.EnvironmentVariable, r => r.Name);

    // A consumer's queue and its dead-letter queue, as the service names them.
    private static (ResourceDefinition Resource, string Name)[] QueueNames(EventQueueDefinition definition, EventFlow flow) =>
        [(definition.Queue, flow.Queue.QueueName), (definition.DeadLetterQueue, flow.DeadLetterQueue.QueueName)];

    // An HTTP function consumes nothing: locally each service polls by default, in Lambda it must not.
    private static Dictionary<string, string> Http(Dictionary<string, string> names, string[] modes, string? pagingTokenKey)
    {
        var environment = new Dictionary<string, string>(names.Concat(modes.Select(mode => KeyValuePair.Create(mode, "Off"))));
        if (pagingTokenKey is not null)
        {
            environment["Paging__TokenKey"] = pagingTokenKey;
        }

        return environment;
    }

    // One consumer on, every other of the image off (two on would both claim /events). LWA passes each event batch
    // to POST /events, and any status but a 2xx fails the invocation.
    private static Dictionary<string, string> Consumer(Dictionary<string, string> names, string[] modes, string mode) =>
        new(names.Concat(modes.Select(m => KeyValuePair.Create(m, m == mode ? "Lambda" : "Off"))))
        {
            ["AWS_LWA_PASS_THROUGH_PATH"] = "/events",
            ["AWS_LWA_ERROR_STATUS_CODES"] = ConsumerErrorStatusCodes,
        };

    // The event source grants receiving, deleting and hiding messages of this queue only.
    private static void ReadQueue(Function consumer, Queue queue, int batchingWindowSeconds) =>
        consumer.AddEventSource(new SqsEventSource(queue, new SqsEventSourceProps
        {
            BatchSize = ConsumerBatchSize,
            MaxBatchingWindow = Duration.Seconds(batchingWindowSeconds),
            ReportBatchItemFailures = true,
            MaxConcurrency = ConsumerMaximumConcurrency,
        }));

    /// <summary>
    /// Feeds a table's stream to its publisher. The mapping reads the stream with the function's role; the records carry the
    /// old and new images, so the publisher never reads the table. ListStreams as AWS's own stream policy for Lambda grants
    /// it (AWSLambdaDynamoDBExecutionRole), on "*", the only resource IAM takes for it: it lists stream ARNs, no data, and
    /// Lambda may call it while it creates the mapping.
    /// </summary>
    private static EventSourceMapping ReadStream(Function publisher, string id, Table table, Queue deadLetterQueue)
    {
        publisher.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
            Resources = [table.TableStreamArn!],
        }));
        publisher.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = [ListStreams],
            Resources = ["*"],
        }));
        return publisher.AddEventSourceMapping(id, new EventSourceMappingOptions
        {
            EventSourceArn = table.TableStreamArn,
            StartingPosition = StartingPosition.TRIM_HORIZON,
            BatchSize = PublisherBatchSize,
            // Lambda reads each shard four times a second; a window would only add to a shopper's wait.
            MaxBatchingWindow = Duration.Seconds(0),
            ReportBatchItemFailures = true,
            BisectBatchOnError = true,
            RetryAttempts = PublisherRetryAttempts,
            // Grants the function's role sqs:SendMessage on this queue, with which Lambda records the failed batch.
            OnFailure = new SqsDlq(deadLetterQueue),
        });
    }

    private Function NewConsumer(string id, Code image, DeploySettings settings, Dictionary<string, string> environment) =>
        NewFunction(id, image, settings, ConsumerTimeoutSeconds, environment, ConsumerReservedConcurrency);

    private Function NewFunction(
        string id,
        Code image,
        DeploySettings settings,
        int timeoutSeconds,
        Dictionary<string, string> environment,
        int? reservedConcurrency = null)
    {
        var logs = new LogGroup(this, id + "Logs", new LogGroupProps
        {
            Retention = settings.LogRetention,
            RemovalPolicy = settings.RemovalPolicy,
        });

        // Our own role instead of CDK's default, whose AWSLambdaBasicExecutionRole may write to every log group.
        var role = new Role(this, id + "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"Runs the {id} function",
        });
        logs.GrantWrite(role);

        return new Function(this, id, new FunctionProps
        {
            Code = image,
            Handler = Handler.FROM_IMAGE,
            Runtime = Runtime.FROM_IMAGE,
            Architecture = settings.Architecture,
            MemorySize = settings.MemorySize,
            Timeout = Duration.Seconds(timeoutSeconds),
            ReservedConcurrentExecutions = reservedConcurrency,
            LogGroup = logs,
            Role = role,
            Environment = new Dictionary<string, string>(environment.Concat(_auth)),
        });
    }

    /// <summary>The five images: pushed beforehand when context names them, otherwise built by the CDK toolkit from the Dockerfiles.</summary>
    private sealed class ServiceImages(string repositoryRoot, DeploySettings settings)
    {
        public Code Product { get; } = Image(settings.Images.Product, repositoryRoot, "Dockerfile.product", settings.Architecture);
        public Code Basket { get; } = Image(settings.Images.Basket, repositoryRoot, "Dockerfile.basket", settings.Architecture);
        public Code Ordering { get; } = Image(settings.Images.Ordering, repositoryRoot, "Dockerfile.ordering", settings.Architecture);
        public Code Inventory { get; } = Image(settings.Images.Inventory, repositoryRoot, "Dockerfile.inventory", settings.Architecture);
        public Code Payment { get; } = Image(settings.Images.Payment, repositoryRoot, "Dockerfile.payment", settings.Architecture);

        private static Code Image(string? prebuilt, string repositoryRoot, string dockerfile, Architecture architecture) =>
            prebuilt is not null
                ? new PrebuiltImage(prebuilt)
                : Code.FromAssetImage(repositoryRoot, new AssetImageCodeProps
                {
                    File = dockerfile,
                    // The image must be built for the CPU the function runs on.
                    Platform = architecture.Name == Architecture.ARM_64.Name ? Platform_.LINUX_ARM64 : Platform_.LINUX_AMD64,
                });
    }
}
