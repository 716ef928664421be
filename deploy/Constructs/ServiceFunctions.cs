using Amazon.CDK;
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
/// The six Lambda functions, each a service's container image behind AWS Lambda Web Adapter, with
/// only the permissions its own work needs: three behind the HTTP API, and three that LWA feeds
/// events through <c>POST /events</c> (Ordering's checkout consumer, Product's stream publisher and
/// Basket's catalogue consumer).
/// </summary>
public sealed class ServiceFunctions : Construct
{
    /// <summary>API Gateway answers 504 after 30 seconds, so an HTTP function has no use for longer.</summary>
    public const int HttpTimeoutSeconds = 30;
    public const int ConsumerTimeoutSeconds = 30;
    public const int ConsumerBatchSize = 10;

    /// <summary>Short, so an order appears about a second after checkout, while batches still form under load.</summary>
    public const int ConsumerBatchingWindowSeconds = 1;

    /// <summary>
    /// At most this many consumer instances at once: a burst waits in the queue instead of being throttled
    /// (a throttled receive still counts toward the dead-letter queue's receive count). Five keep up with
    /// hundreds of orders a second and leave the account's concurrency to the HTTP functions.
    /// </summary>
    public const int ConsumerMaximumConcurrency = 5;

    /// <summary>
    /// Every status outside 200-299, in Lambda Web Adapter's list-and-range syntax: anything but a 2xx
    /// from <c>/events</c> fails the invocation, so the batch is retried instead of being taken as done.
    /// </summary>
    public const string ConsumerErrorStatusCodes = "100-199,300-999";

    /// <summary>Stream records per publisher invocation: one PutEvents call, which takes at most ten entries.</summary>
    public const int PublisherBatchSize = 10;

    /// <summary>
    /// How often Lambda retries a failed stream batch (halving it each time, which costs no retry) before it
    /// records the batch in ProductStreamDLQ and moves on: bounded, so one bad record cannot hold its shard
    /// for the stream's whole 24 hours.
    /// </summary>
    public const int PublisherRetryAttempts = 10;

    public Function Product { get; }
    public Function Basket { get; }
    public Function OrderingApi { get; }
    public Function OrderingConsumer { get; }
    public Function ProductPublisher { get; }
    public Function BasketCatalogueConsumer { get; }

    public IReadOnlyList<Function> All => [Product, Basket, OrderingApi, OrderingConsumer, ProductPublisher, BasketCatalogueConsumer];

    /// <summary>The functions fed by an event source, each failing its batch on anything but a 2xx.</summary>
    public IReadOnlyList<Function> Consumers => [OrderingConsumer, ProductPublisher, BasketCatalogueConsumer];

    /// <summary>The mapping that feeds the product table's stream to the publisher.</summary>
    public EventSourceMapping ProductStream { get; }

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
        Identity identity)
        : base(scope, id)
    {
        // Every service validates the access token again, against the same pool and client as the API.
        _auth = new Dictionary<string, string>
        {
            ["Auth__Issuer"] = identity.Issuer,
            ["Auth__ClientIds"] = identity.Client.UserPoolClientId,
        };

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
            (ResourceDefinitions.OrderTable, tables.Orders.TableName),
            (ResourceDefinitions.OrderQueue, messaging.OrderQueue.QueueName),
            (ResourceDefinitions.OrderDeadLetterQueue, messaging.DeadLetterQueue.QueueName));

        Product = NewFunction("Product", images.Product, settings, HttpTimeoutSeconds, new(productNames)
        {
            ["Paging__TokenKey"] = pagingTokenKey,
            ["Product__Publisher__Mode"] = "Off",
        });
        tables.Products.GrantReadWriteData(Product);

        Basket = NewFunction("Basket", images.Basket, settings, HttpTimeoutSeconds, new(basketNames)
        {
            ["Paging__TokenKey"] = pagingTokenKey,
            ["Basket__Catalogue__Mode"] = "Off",
        });
        tables.Baskets.GrantReadWriteData(Basket);
        tables.CheckoutIdempotency.GrantReadWriteData(Basket);
        // Prices and names come from the view; only the catalogue consumer writes it.
        tables.BasketCatalogue.GrantReadData(Basket);
        messaging.Bus.GrantPutEventsTo(Basket);

        OrderingApi = NewFunction("OrderingApi", images.Ordering, settings, HttpTimeoutSeconds, new(orderingNames)
        {
            ["Paging__TokenKey"] = pagingTokenKey,
            ["Ordering__Consumer__Mode"] = "Off",
        });
        tables.Orders.GrantReadData(OrderingApi);

        // The same image as OrderingApi: LWA hands each SQS batch to POST /events, and any non-2xx fails the whole batch.
        OrderingConsumer = NewFunction("OrderingConsumer", images.Ordering, settings, ConsumerTimeoutSeconds, EventsEndpoint(new(orderingNames)
        {
            ["Ordering__Consumer__Mode"] = "Lambda",
        }));
        tables.Orders.GrantWriteData(OrderingConsumer);
        // A redelivered event fails the conditional put; the consumer then reads that one key to tell a duplicate from a clash.
        tables.Orders.Grant(OrderingConsumer, "dynamodb:GetItem");
        ReadQueue(OrderingConsumer, messaging.OrderQueue);

        // The product image again: LWA hands each batch of stream records to POST /events, and the app answers
        // the sequence numbers it could not publish as batchItemFailures, as Lambda reads them for a stream.
        ProductPublisher = NewFunction("ProductPublisher", images.Product, settings, ConsumerTimeoutSeconds, EventsEndpoint(new(productNames)
        {
            ["Product__Publisher__Mode"] = "Lambda",
        }));
        // The event source mapping reads the stream with the function's role; the records carry the old and new images,
        // so the publisher never reads the table. No ListStreams, which IAM takes only on "*": AWS's own example policy
        // for a Lambda reading a stream names the stream for it too, which grants it nothing.
        ProductPublisher.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
            Resources = [tables.Products.TableStreamArn!],
        }));
        messaging.Bus.GrantPutEventsTo(ProductPublisher);
        ProductStream = ProductPublisher.AddEventSourceMapping("ProductStream", new EventSourceMappingOptions
        {
            EventSourceArn = tables.Products.TableStreamArn,
            StartingPosition = StartingPosition.TRIM_HORIZON,
            BatchSize = PublisherBatchSize,
            ReportBatchItemFailures = true,
            BisectBatchOnError = true,
            RetryAttempts = PublisherRetryAttempts,
            // Grants the function's role sqs:SendMessage on this queue, with which Lambda records the failed batch.
            OnFailure = new SqsDlq(catalogue.StreamDeadLetterQueue),
        });

        BasketCatalogueConsumer = NewFunction("BasketCatalogueConsumer", images.Basket, settings, ConsumerTimeoutSeconds, EventsEndpoint(new(basketNames)
        {
            ["Basket__Catalogue__Mode"] = "Lambda",
        }));
        // A change is applied only when its version is newer than the view's, which the consumer reads and writes; nothing else of Basket's.
        tables.BasketCatalogue.GrantReadWriteData(BasketCatalogueConsumer);
        ReadQueue(BasketCatalogueConsumer, catalogue.BasketCatalogueQueue);
    }

    private static Dictionary<string, string> Names(params (ResourceDefinition Resource, string Name)[] resources) =>
        resources.ToDictionary(r => r.Resource.EnvironmentVariable, r => r.Name);

    // LWA passes each event batch to POST /events, and any status but a 2xx fails the invocation.
    private static Dictionary<string, string> EventsEndpoint(Dictionary<string, string> environment) =>
        new(environment)
        {
            ["AWS_LWA_PASS_THROUGH_PATH"] = "/events",
            ["AWS_LWA_ERROR_STATUS_CODES"] = ConsumerErrorStatusCodes,
        };

    // The event source grants receiving, deleting and hiding messages of this queue only.
    private static void ReadQueue(Function consumer, Queue queue) =>
        consumer.AddEventSource(new SqsEventSource(queue, new SqsEventSourceProps
        {
            BatchSize = ConsumerBatchSize,
            MaxBatchingWindow = Duration.Seconds(ConsumerBatchingWindowSeconds),
            ReportBatchItemFailures = true,
            MaxConcurrency = ConsumerMaximumConcurrency,
        }));

    private Function NewFunction(
        string id,
        Code image,
        DeploySettings settings,
        int timeoutSeconds,
        Dictionary<string, string> environment)
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
            LogGroup = logs,
            Role = role,
            Environment = new Dictionary<string, string>(environment.Concat(_auth)),
        });
    }

    /// <summary>The three images: pushed beforehand when context names them, otherwise built by the CDK toolkit from the Dockerfiles.</summary>
    private sealed class ServiceImages(string repositoryRoot, DeploySettings settings)
    {
        public Code Product { get; } = Image(settings.Images.Product, repositoryRoot, "Dockerfile.product", settings.Architecture);
        public Code Basket { get; } = Image(settings.Images.Basket, repositoryRoot, "Dockerfile.basket", settings.Architecture);
        public Code Ordering { get; } = Image(settings.Images.Ordering, repositoryRoot, "Dockerfile.ordering", settings.Architecture);

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
