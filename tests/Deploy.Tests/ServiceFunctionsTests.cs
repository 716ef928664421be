using System.Text.Json;
using Amazon.CDK.AWS.Lambda;
using Ecommerce.Deploy.Constructs;
using Ecommerce.Shared.Resources;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class ServiceFunctionsTests(SynthesizedStacks stacks)
{
    private SynthesizedStack Dev => stacks.Dev;

    private IReadOnlyList<Function> HttpFunctions => Dev.Stack.Functions.HttpFunctions;

    /// <summary>The functions that list pages, whose tokens one key signs.</summary>
    private Function[] PagedFunctions => [Dev.Stack.Functions.Product, Dev.Stack.Functions.Basket, Dev.Stack.Functions.OrderingApi];

    /// <summary>Each function by the image it runs, the key that names a pushed one, and its image's consumer settings.</summary>
    private static IEnumerable<(Function Function, string Dockerfile, string ImageKey, string[] Modes)> Images(SynthesizedStack stack)
    {
        var f = stack.Stack.Functions;
        foreach (var function in new[] { f.Product, f.ProductPublisher })
        {
            yield return (function, "Dockerfile.product", DeploySettings.ProductImageKey, ServiceFunctions.ProductModes);
        }

        foreach (var function in new[] { f.Basket, f.BasketCatalogueConsumer })
        {
            yield return (function, "Dockerfile.basket", DeploySettings.BasketImageKey, ServiceFunctions.BasketModes);
        }

        foreach (var function in new[] { f.OrderingApi, f.OrderingConsumer, f.OrderingSagaConsumer, f.OrderingExpiryConsumer, f.OrderingPublisher })
        {
            yield return (function, "Dockerfile.ordering", DeploySettings.OrderingImageKey, ServiceFunctions.OrderingModes);
        }

        foreach (var function in new[] { f.InventoryApi, f.InventoryProductConsumer, f.InventoryOrderConsumer })
        {
            yield return (function, "Dockerfile.inventory", DeploySettings.InventoryImageKey, ServiceFunctions.InventoryModes);
        }

        foreach (var function in new[] { f.PaymentApi, f.PaymentOrderConsumer })
        {
            yield return (function, "Dockerfile.payment", DeploySettings.PaymentImageKey, ServiceFunctions.PaymentModes);
        }
    }

    [Fact]
    public void Fourteen_image_functions_are_built_from_the_five_dockerfiles()
    {
        Assert.Equal(14, Dev.Stack.Functions.All.Count);
        Assert.Equal(Dev.Stack.Functions.All.Select(f => f.Node.Id).Order(), Images(Dev).Select(i => i.Function.Node.Id).Order());
        Assert.All(Dev.Stack.Functions.All, function => Assert.Equal("Image", Dev.Properties(function).GetProperty("PackageType").GetString()));

        var dockerfiles = Dev.AssetManifest.GetProperty("dockerImages").EnumerateObject()
            .ToDictionary(image => image.Name, image => image.Value.GetProperty("source").GetProperty("dockerFile").GetString());
        Assert.Equal(["Dockerfile.basket", "Dockerfile.inventory", "Dockerfile.ordering", "Dockerfile.payment", "Dockerfile.product"], dockerfiles.Values.Order());

        Assert.All(Images(Dev), image => Assert.Equal(image.Dockerfile, dockerfiles[ImageTag(image.Function)]));
    }

    [Fact]
    public void Given_pushed_image_uris_the_functions_run_exactly_those_and_no_image_is_built()
    {
        var stack = stacks.Prebuilt;
        var functions = stack.Stack.Functions;
        var images = SynthesizedStacks.PushedImages;

        Assert.Equal(14, functions.All.Count);
        Assert.All(Images(stack), image => Assert.Equal(images[image.ImageKey], ImageUri(stack, image.Function)));

        Assert.False(stack.AssetManifest.TryGetProperty("dockerImages", out var assets) && assets.EnumerateObject().Any());
        // What is left to upload are files (the storefront, CDK's deployment function), no build context.
        Assert.DoesNotContain(Directory.EnumerateDirectories(stack.OutputDirectory, "asset.*"), dir => Directory.Exists(Path.Combine(dir, "services")));
    }

    [Fact]
    public void The_image_build_context_is_the_repository_without_outputs_dependencies_or_deploy()
    {
        foreach (var image in Dev.AssetManifest.GetProperty("dockerImages").EnumerateObject())
        {
            var context = Path.Combine(Dev.OutputDirectory, image.Value.GetProperty("source").GetProperty("directory").GetString()!);
            Assert.True(File.Exists(Path.Combine(context, "Directory.Packages.props")));
            Assert.True(Directory.Exists(Path.Combine(context, "services")));

            var names = Directory.EnumerateFileSystemEntries(context, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(context, path).Split(Path.DirectorySeparatorChar))
                .ToList();
            string[] excluded = ["bin", "obj", "node_modules", "cdk.out", ".git", "deploy", "tests"];
            Assert.DoesNotContain(names, parts => parts.Any(excluded.Contains));
        }
    }

    [Fact]
    public void Architecture_and_memory_default_to_x86_64_and_512_MB()
    {
        Assert.All(Dev.Stack.Functions.All, function =>
        {
            Assert.Equal(["x86_64"], Dev.Properties(function).Strings("Architectures"));
            Assert.Equal(DeploySettings.DefaultMemorySize, Dev.Properties(function).GetProperty("MemorySize").GetInt32());
        });
        Assert.All(Dev.AssetManifest.GetProperty("dockerImages").EnumerateObject(), image =>
            Assert.Equal("linux/amd64", image.Value.GetProperty("source").GetProperty("platform").GetString()));
    }

    [Fact]
    public void Architecture_and_memory_come_from_context_and_the_images_are_built_for_that_cpu()
    {
        var prod = stacks.Prod;
        Assert.All(prod.Stack.Functions.All, function =>
        {
            Assert.Equal(["arm64"], prod.Properties(function).Strings("Architectures"));
            Assert.Equal(1024, prod.Properties(function).GetProperty("MemorySize").GetInt32());
        });
        Assert.All(prod.AssetManifest.GetProperty("dockerImages").EnumerateObject(), image =>
            Assert.Equal("linux/arm64", image.Value.GetProperty("source").GetProperty("platform").GetString()));
    }

    [Fact]
    public void Every_function_logs_to_its_own_group_with_the_retention_from_context()
    {
        foreach (var (stack, days) in new[] { (stacks.Dev, DeploySettings.DefaultLogRetentionDays), (stacks.Prod, 90) })
        {
            // The fourteen functions' groups, the API's access log and the storefront deployment's; in prod the MFA mark's.
            stack.Template.ResourceCountIs("AWS::Logs::LogGroup", stack.Settings.IsProduction ? 17 : 16);
            stack.Template.AllResourcesProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["RetentionInDays"] = days });

            var groups = stack.Stack.Functions.All
                .Select(f => stack.Properties(f).GetProperty("LoggingConfig").GetProperty("LogGroup").GetProperty("Ref").GetString())
                .ToList();
            Assert.Equal(14, groups.Distinct().Count());
            Assert.All(groups, g => Assert.Equal("AWS::Logs::LogGroup", stack.Json.GetProperty("Resources").GetProperty(g!).GetProperty("Type").GetString()));
            // A LogRetention custom resource would bring a helper function with logs:* on "*".
            stack.Template.ResourceCountIs("Custom::LogRetention", 0);
        }
    }

    [Fact]
    public void Each_function_is_told_the_names_of_exactly_the_resources_its_image_uses()
    {
        var data = Dev.Stack.Data;
        var messaging = Dev.Stack.Messaging;
        var catalogue = Dev.Stack.Catalogue;
        var bus = Ref(Dev.LogicalId(messaging.Bus));
        var productNames = new Dictionary<string, string>
        {
            ["Resources__ProductTable"] = Ref(Dev.LogicalId(data.Products)),
            ["Resources__EventBus"] = bus,
        };
        var basketNames = new Dictionary<string, string>
        {
            ["Resources__BasketTable"] = Ref(Dev.LogicalId(data.Baskets)),
            ["Resources__CheckoutIdempotencyTable"] = Ref(Dev.LogicalId(data.CheckoutIdempotency)),
            ["Resources__BasketCatalogueTable"] = Ref(Dev.LogicalId(data.BasketCatalogue)),
            ["Resources__EventBus"] = bus,
            ["Resources__BasketCatalogueQueue"] = QueueName(Dev.LogicalId(catalogue.BasketCatalogueQueue)),
            ["Resources__BasketCatalogueDeadLetterQueue"] = QueueName(Dev.LogicalId(catalogue.DeadLetterQueue)),
        };
        var saga = Dev.Stack.Saga;
        var orderingNames = new Dictionary<string, string>
        {
            ["Resources__OrderTable"] = Ref(Dev.LogicalId(data.Orders)),
            ["Resources__EventBus"] = bus,
            ["Resources__OrderQueue"] = QueueName(Dev.LogicalId(messaging.OrderQueue)),
            ["Resources__OrderDeadLetterQueue"] = QueueName(Dev.LogicalId(messaging.DeadLetterQueue)),
            ["Resources__OrderSagaQueue"] = QueueName(Dev.LogicalId(saga.OrderSaga.Queue)),
            ["Resources__OrderSagaDeadLetterQueue"] = QueueName(Dev.LogicalId(saga.OrderSaga.DeadLetterQueue)),
            ["Resources__OrderExpiryQueue"] = QueueName(Dev.LogicalId(saga.OrderExpiry.Queue)),
            ["Resources__OrderExpiryDeadLetterQueue"] = QueueName(Dev.LogicalId(saga.OrderExpiry.DeadLetterQueue)),
        };
        var inventoryNames = new Dictionary<string, string>
        {
            ["Resources__StockTable"] = Ref(Dev.LogicalId(data.Stock)),
            ["Resources__ReservationTable"] = Ref(Dev.LogicalId(data.Reservations)),
            ["Resources__EventBus"] = bus,
            ["Resources__InventoryProductQueue"] = QueueName(Dev.LogicalId(saga.InventoryProducts.Queue)),
            ["Resources__InventoryProductDeadLetterQueue"] = QueueName(Dev.LogicalId(saga.InventoryProducts.DeadLetterQueue)),
            ["Resources__InventoryOrderQueue"] = QueueName(Dev.LogicalId(saga.InventoryOrders.Queue)),
            ["Resources__InventoryOrderDeadLetterQueue"] = QueueName(Dev.LogicalId(saga.InventoryOrders.DeadLetterQueue)),
        };
        var paymentNames = new Dictionary<string, string>
        {
            ["Resources__PaymentTable"] = Ref(Dev.LogicalId(data.Payments)),
            ["Resources__EventBus"] = bus,
            ["Resources__PaymentOrderQueue"] = QueueName(Dev.LogicalId(saga.PaymentOrders.Queue)),
            ["Resources__PaymentOrderDeadLetterQueue"] = QueueName(Dev.LogicalId(saga.PaymentOrders.DeadLetterQueue)),
            // A name, not a value: the key itself is read at start and is nowhere in the template.
            ["Resources__StripeSecretKeyParameter"] = JsonSerializer.Serialize(ResourceDefinitions.StripeSecretKeyParameter.DefaultName),
        };

        var expected = new Dictionary<string, Dictionary<string, string>>
        {
            ["Dockerfile.product"] = productNames,
            ["Dockerfile.basket"] = basketNames,
            ["Dockerfile.ordering"] = orderingNames,
            ["Dockerfile.inventory"] = inventoryNames,
            ["Dockerfile.payment"] = paymentNames,
        };
        foreach (var image in Images(Dev))
        {
            AssertResourceNames(image.Function, expected[image.Dockerfile]);
        }
    }

    [Fact]
    public void Every_ordering_function_is_told_the_order_expiry_from_context()
    {
        var ordering = Images(Dev).Where(i => i.Dockerfile == "Dockerfile.ordering").Select(i => i.Function).ToList();
        Assert.Equal(5, ordering.Count);
        Assert.All(ordering, function => Assert.Equal("900", Environment(function)[ServiceFunctions.OrderExpirySetting].GetString()));
        Assert.Equal("Ordering__Expiry__AfterSeconds", ServiceFunctions.OrderExpirySetting);

        var prod = stacks.Prod.Properties(stacks.Prod.Stack.Functions.OrderingExpiryConsumer).GetProperty("Environment").GetProperty("Variables");
        Assert.Equal(SynthesizedStacks.ProductionOrderExpirySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), prod.GetProperty(ServiceFunctions.OrderExpirySetting).GetString());
        Assert.Equal(SynthesizedStacks.ProductionStripeParameter, stacks.Prod.Properties(stacks.Prod.Stack.Functions.PaymentOrderConsumer)
            .GetProperty("Environment").GetProperty("Variables").GetProperty("Resources__StripeSecretKeyParameter").GetString());
    }

    [Fact]
    public void Each_consumer_runs_its_service_s_image_on_events_with_its_own_consumer_on_every_other_off_and_fails_the_batch_on_anything_but_a_2xx()
    {
        var functions = Dev.Stack.Functions;
        var modes = new Dictionary<Function, string>
        {
            [functions.OrderingConsumer] = "Ordering__Consumer__Mode",
            [functions.ProductPublisher] = "Product__Publisher__Mode",
            [functions.BasketCatalogueConsumer] = "Basket__Catalogue__Mode",
            [functions.OrderingSagaConsumer] = "Ordering__Saga__Mode",
            [functions.OrderingExpiryConsumer] = "Ordering__Expiry__Mode",
            [functions.OrderingPublisher] = "Ordering__Publisher__Mode",
            [functions.InventoryProductConsumer] = "Inventory__Products__Mode",
            [functions.InventoryOrderConsumer] = "Inventory__Orders__Mode",
            [functions.PaymentOrderConsumer] = "Payment__Orders__Mode",
        };
        Assert.Equal(modes.Keys, functions.Consumers);

        foreach (var image in Images(Dev).Where(i => modes.ContainsKey(i.Function)))
        {
            var environment = Environment(image.Function);
            var own = modes[image.Function];
            Assert.Contains(own, image.Modes);
            // Two consumers on in one function would both claim /events.
            Assert.All(image.Modes, mode => Assert.Equal(mode == own ? "Lambda" : "Off", environment[mode].GetString()));
            Assert.Equal("/events", environment["AWS_LWA_PASS_THROUGH_PATH"].GetString());

            // Kestrel may answer any status from 100 to 999; only a 2xx may reach Lambda as the batch's result.
            var errors = LambdaWebAdapter.ParseStatusCodes(environment["AWS_LWA_ERROR_STATUS_CODES"].GetString()!);
            Assert.All(Enumerable.Range(100, 900), status => Assert.Equal(status is < 200 or > 299, errors.Contains(status)));
        }

        // Each consumer shares its image with its service's HTTP function.
        var httpImages = Images(Dev).Where(i => HttpFunctions.Contains(i.Function)).ToDictionary(i => i.Dockerfile, i => ImageTag(i.Function));
        Assert.All(Images(Dev), image => Assert.Equal(httpImages[image.Dockerfile], ImageTag(image.Function)));
    }

    [Fact]
    public void The_http_functions_consume_nothing_and_serve_no_events()
    {
        Assert.Equal(5, HttpFunctions.Count);
        foreach (var image in Images(Dev).Where(i => HttpFunctions.Contains(i.Function)))
        {
            var environment = Environment(image.Function);
            // Locally each service polls by default; in Lambda its HTTP function must not.
            Assert.All(image.Modes, mode => Assert.Equal("Off", environment[mode].GetString()));
            Assert.False(environment.ContainsKey("AWS_LWA_PASS_THROUGH_PATH"));
            Assert.False(environment.ContainsKey("AWS_LWA_ERROR_STATUS_CODES"));
        }
    }

    [Fact]
    public void The_http_functions_share_one_paging_key_resolved_from_the_stack_secret_at_deploy_time()
    {
        var secret = Dev.LogicalId(Dev.Stack.Functions.PagingTokenKey);
        var expected = $$$"""{"Fn::Join":["",["{{resolve:secretsmanager:",{"Ref":"{{{secret}}}"},":SecretString:::}}"]]}""";
        foreach (var function in PagedFunctions)
        {
            AssertIs(expected, Environment(function)["Paging__TokenKey"]);
        }

        // Inventory and Payment list no pages; no consumer does either.
        Assert.All(Dev.Stack.Functions.All.Except(PagedFunctions), function => Assert.False(Environment(function).ContainsKey("Paging__TokenKey")));

        // 64 characters of [A-Za-z0-9] are valid base64 for 48 bytes: at least the 32 the codec asks for.
        var generator = Dev.Properties(secret).GetProperty("GenerateSecretString");
        Assert.Equal(64, generator.GetProperty("PasswordLength").GetInt32());
        Assert.True(generator.GetProperty("ExcludePunctuation").GetBoolean());
        Assert.False(generator.GetProperty("IncludeSpace").GetBoolean());
        Assert.Equal(48, Convert.FromBase64String(new string('A', 32) + new string('z', 16) + new string('9', 16)).Length);
    }

    [Fact]
    public void The_queue_consumers_read_their_own_queue_ten_at_a_time_and_report_batch_item_failures()
    {
        var (functions, saga) = (Dev.Stack.Functions, Dev.Stack.Saga);
        // Every hop a shopper waits through from checkout to Confirmed has no batching window; the others a short one.
        var queues = new Dictionary<Function, (Amazon.CDK.AWS.SQS.Queue Queue, int Window)>
        {
            [functions.OrderingConsumer] = (Dev.Stack.Messaging.OrderQueue, 0),
            [functions.InventoryOrderConsumer] = (saga.InventoryOrders.Queue, 0),
            [functions.PaymentOrderConsumer] = (saga.PaymentOrders.Queue, 0),
            [functions.OrderingSagaConsumer] = (saga.OrderSaga.Queue, 0),
            [functions.BasketCatalogueConsumer] = (Dev.Stack.Catalogue.BasketCatalogueQueue, 1),
            [functions.InventoryProductConsumer] = (saga.InventoryProducts.Queue, 1),
            [functions.OrderingExpiryConsumer] = (saga.OrderExpiry.Queue, 1),
        };

        foreach (var (consumer, (queue, window)) in queues)
        {
            var mapping = MappingOf(consumer);
            AssertIs(GetArn(Dev.LogicalId(queue)), mapping.GetProperty("EventSourceArn"));
            Assert.Equal(10, mapping.GetProperty("BatchSize").GetInt32());
            Assert.Equal(window, mapping.TryGetProperty("MaximumBatchingWindowInSeconds", out var seconds) ? seconds.GetInt32() : 0);
            Assert.Equal(["ReportBatchItemFailures"], mapping.Strings("FunctionResponseTypes"));

            // A burst waits in the queue for a few consumers instead of being throttled toward the dead-letter queue;
            // Lambda's floor for an SQS event source's maximum concurrency is 2.
            var maximum = mapping.GetProperty("ScalingConfig").GetProperty("MaximumConcurrency").GetInt32();
            Assert.InRange(maximum, 2, 10);
            // ...and those few are the consumer's own, whatever the API's load (ThrottlingTests).
            Assert.Equal(maximum, Dev.Properties(consumer).GetProperty("ReservedConcurrentExecutions").GetInt32());
        }

        Assert.Equal(Dev.Stack.Functions.Consumers.Count - 2, queues.Count);
    }

    [Theory]
    [InlineData("product")]
    [InlineData("order")]
    public void Each_publisher_reads_its_table_s_stream_from_its_oldest_record_and_keeps_what_it_cannot_publish(string table)
    {
        var (publisher, source, deadLetters) = table == "product"
            ? (Dev.Stack.Functions.ProductPublisher, Dev.Stack.Data.Products, Dev.Stack.Catalogue.StreamDeadLetterQueue)
            : (Dev.Stack.Functions.OrderingPublisher, Dev.Stack.Data.Orders, Dev.Stack.Saga.OrderStreamDeadLetterQueue);
        var mapping = MappingOf(publisher);

        AssertIs($$"""{"Fn::GetAtt":["{{Dev.LogicalId(source)}}","StreamArn"]}""", mapping.GetProperty("EventSourceArn"));
        Assert.Equal("TRIM_HORIZON", mapping.GetProperty("StartingPosition").GetString());
        // The app answers {"batchItemFailures":[{"itemIdentifier":"<SequenceNumber>"}]}; Lambda resumes from the first one named.
        Assert.Equal(["ReportBatchItemFailures"], mapping.Strings("FunctionResponseTypes"));
        Assert.True(mapping.GetProperty("BisectBatchOnFunctionError").GetBoolean());
        Assert.InRange(mapping.GetProperty("MaximumRetryAttempts").GetInt32(), 1, 20);
        // PutEvents takes at most ten entries; no window, so an order's event leaves as soon as Lambda reads the shard.
        Assert.InRange(mapping.GetProperty("BatchSize").GetInt32(), 1, 10);
        Assert.Equal(0, mapping.GetProperty("MaximumBatchingWindowInSeconds").GetInt32());
        AssertIs(GetArn(Dev.LogicalId(deadLetters)), mapping.GetProperty("DestinationConfig").GetProperty("OnFailure").GetProperty("Destination"));
        Assert.Equal(ServiceFunctions.ConsumerTimeoutSeconds, Dev.Properties(publisher).GetProperty("Timeout").GetInt32());
    }

    [Fact]
    public void Each_consumer_is_fed_by_exactly_one_event_source_and_no_http_function_by_any()
    {
        Dev.Template.ResourceCountIs("AWS::Lambda::EventSourceMapping", 9);
        Assert.All(Dev.Stack.Functions.Consumers, consumer => MappingOf(consumer));
        Assert.All(HttpFunctions, function => Assert.DoesNotContain(Dev.Resources("AWS::Lambda::EventSourceMapping"), mapping =>
            mapping.Resource.GetProperty("Properties").GetProperty("FunctionName").Is(Ref(Dev.LogicalId(function)))));
    }

    [Fact]
    public void Http_functions_stop_when_api_gateway_stops_waiting()
    {
        foreach (var function in HttpFunctions)
        {
            Assert.Equal(ServiceFunctions.HttpTimeoutSeconds, Dev.Properties(function).GetProperty("Timeout").GetInt32());
        }

        Assert.Equal(30, ServiceFunctions.HttpTimeoutSeconds);
    }

    [Fact]
    public void No_function_has_a_fixed_physical_name()
    {
        Assert.All(Dev.Resources("AWS::Lambda::Function"), f => Assert.False(f.Resource.GetProperty("Properties").TryGetProperty("FunctionName", out _)));
    }

    private JsonElement MappingOf(Function function) =>
        Assert.Single(Dev.Resources("AWS::Lambda::EventSourceMapping"), m => m.Resource.GetProperty("Properties").GetProperty("FunctionName").Is(Ref(Dev.LogicalId(function))))
            .Resource.GetProperty("Properties");

    private void AssertResourceNames(Function function, Dictionary<string, string> expected)
    {
        var names = Environment(function).Where(variable => variable.Key.StartsWith("Resources__", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(expected.Keys.Order(), names.Keys.Order());
        foreach (var (key, value) in expected)
        {
            AssertIs(value, names[key]);
        }
    }

    private Dictionary<string, JsonElement> Environment(Function function) =>
        Dev.Properties(function).GetProperty("Environment").GetProperty("Variables").EnumerateObject().ToDictionary(v => v.Name, v => v.Value);

    private string ImageTag(Function function) =>
        Dev.Properties(function).GetProperty("Code").GetProperty("ImageUri").GetProperty("Fn::Sub").GetString()!.Split(':')[^1];

    private static string ImageUri(SynthesizedStack stack, Function function) =>
        stack.Properties(function).GetProperty("Code").GetProperty("ImageUri").GetString()!;

    private static string QueueName(string logicalId) => $$"""{"Fn::GetAtt":["{{logicalId}}","QueueName"]}""";

}
