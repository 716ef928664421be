using System.Text.Json;
using Amazon.CDK.AWS.Lambda;
using Ecommerce.Deploy.Constructs;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class ServiceFunctionsTests(SynthesizedStacks stacks)
{
    private SynthesizedStack Dev => stacks.Dev;

    private Function[] HttpFunctions => [Dev.Stack.Functions.Product, Dev.Stack.Functions.Basket, Dev.Stack.Functions.OrderingApi];

    [Fact]
    public void Six_image_functions_are_built_from_the_three_dockerfiles()
    {
        Assert.Equal(6, Dev.Stack.Functions.All.Count);
        Assert.All(Dev.Stack.Functions.All, function => Assert.Equal("Image", Dev.Properties(function).GetProperty("PackageType").GetString()));

        var dockerfiles = Dev.AssetManifest.GetProperty("dockerImages").EnumerateObject()
            .ToDictionary(image => image.Name, image => image.Value.GetProperty("source").GetProperty("dockerFile").GetString());
        Assert.Equal(["Dockerfile.basket", "Dockerfile.ordering", "Dockerfile.product"], dockerfiles.Values.Order());

        var functions = Dev.Stack.Functions;
        Assert.Equal("Dockerfile.product", dockerfiles[ImageTag(functions.Product)]);
        Assert.Equal("Dockerfile.product", dockerfiles[ImageTag(functions.ProductPublisher)]);
        Assert.Equal("Dockerfile.basket", dockerfiles[ImageTag(functions.Basket)]);
        Assert.Equal("Dockerfile.basket", dockerfiles[ImageTag(functions.BasketCatalogueConsumer)]);
        Assert.Equal("Dockerfile.ordering", dockerfiles[ImageTag(functions.OrderingApi)]);
        Assert.Equal("Dockerfile.ordering", dockerfiles[ImageTag(functions.OrderingConsumer)]);
    }

    [Fact]
    public void Given_pushed_image_uris_the_functions_run_exactly_those_and_no_image_is_built()
    {
        var stack = stacks.Prebuilt;
        var functions = stack.Stack.Functions;
        var images = SynthesizedStacks.PushedImages;

        Assert.Equal(images[DeploySettings.ProductImageKey], ImageUri(stack, functions.Product));
        Assert.Equal(images[DeploySettings.ProductImageKey], ImageUri(stack, functions.ProductPublisher));
        Assert.Equal(images[DeploySettings.BasketImageKey], ImageUri(stack, functions.Basket));
        Assert.Equal(images[DeploySettings.BasketImageKey], ImageUri(stack, functions.BasketCatalogueConsumer));
        Assert.Equal(images[DeploySettings.OrderingImageKey], ImageUri(stack, functions.OrderingApi));
        Assert.Equal(images[DeploySettings.OrderingImageKey], ImageUri(stack, functions.OrderingConsumer));

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
            // The six functions' groups, the API's access log and the storefront deployment's.
            stack.Template.ResourceCountIs("AWS::Logs::LogGroup", 8);
            stack.Template.AllResourcesProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["RetentionInDays"] = days });

            var groups = stack.Stack.Functions.All
                .Select(f => stack.Properties(f).GetProperty("LoggingConfig").GetProperty("LogGroup").GetProperty("Ref").GetString())
                .ToList();
            Assert.Equal(6, groups.Distinct().Count());
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
        var orderingNames = new Dictionary<string, string>
        {
            ["Resources__OrderTable"] = Ref(Dev.LogicalId(data.Orders)),
            ["Resources__OrderQueue"] = QueueName(Dev.LogicalId(messaging.OrderQueue)),
            ["Resources__OrderDeadLetterQueue"] = QueueName(Dev.LogicalId(messaging.DeadLetterQueue)),
        };

        AssertResourceNames(Dev.Stack.Functions.Product, productNames);
        AssertResourceNames(Dev.Stack.Functions.ProductPublisher, productNames);
        AssertResourceNames(Dev.Stack.Functions.Basket, basketNames);
        AssertResourceNames(Dev.Stack.Functions.BasketCatalogueConsumer, basketNames);
        AssertResourceNames(Dev.Stack.Functions.OrderingApi, orderingNames);
        AssertResourceNames(Dev.Stack.Functions.OrderingConsumer, orderingNames);
    }

    [Fact]
    public void Each_consumer_runs_its_service_s_image_on_events_and_fails_the_batch_on_anything_but_a_2xx()
    {
        var functions = Dev.Stack.Functions;
        var modes = new Dictionary<Function, string>
        {
            [functions.OrderingConsumer] = "Ordering__Consumer__Mode",
            [functions.ProductPublisher] = "Product__Publisher__Mode",
            [functions.BasketCatalogueConsumer] = "Basket__Catalogue__Mode",
        };
        Assert.Equal(modes.Keys, functions.Consumers);

        foreach (var (consumer, mode) in modes)
        {
            var environment = Environment(consumer);
            Assert.Equal("Lambda", environment[mode].GetString());
            Assert.Equal("/events", environment["AWS_LWA_PASS_THROUGH_PATH"].GetString());

            // Kestrel may answer any status from 100 to 999; only a 2xx may reach Lambda as the batch's result.
            var errors = LambdaWebAdapter.ParseStatusCodes(environment["AWS_LWA_ERROR_STATUS_CODES"].GetString()!);
            Assert.All(Enumerable.Range(100, 900), status => Assert.Equal(status is < 200 or > 299, errors.Contains(status)));
        }

        Assert.Equal(ImageTag(functions.OrderingApi), ImageTag(functions.OrderingConsumer));
        Assert.Equal(ImageTag(functions.Product), ImageTag(functions.ProductPublisher));
        Assert.Equal(ImageTag(functions.Basket), ImageTag(functions.BasketCatalogueConsumer));
    }

    [Fact]
    public void The_http_functions_consume_nothing_and_serve_no_events()
    {
        var modes = new Dictionary<Function, string>
        {
            [Dev.Stack.Functions.Product] = "Product__Publisher__Mode",
            [Dev.Stack.Functions.Basket] = "Basket__Catalogue__Mode",
            [Dev.Stack.Functions.OrderingApi] = "Ordering__Consumer__Mode",
        };

        foreach (var (function, mode) in modes)
        {
            // Locally each service polls by default; in Lambda its HTTP function must not.
            Assert.Equal("Off", Environment(function)[mode].GetString());
            Assert.False(Environment(function).ContainsKey("AWS_LWA_PASS_THROUGH_PATH"));
            Assert.False(Environment(function).ContainsKey("AWS_LWA_ERROR_STATUS_CODES"));
        }
    }

    [Fact]
    public void The_http_functions_share_one_paging_key_resolved_from_the_stack_secret_at_deploy_time()
    {
        var secret = Dev.LogicalId(Dev.Stack.Functions.PagingTokenKey);
        var expected = $$$"""{"Fn::Join":["",["{{resolve:secretsmanager:",{"Ref":"{{{secret}}}"},":SecretString:::}}"]]}""";
        foreach (var function in HttpFunctions)
        {
            AssertIs(expected, Environment(function)["Paging__TokenKey"]);
        }

        Assert.All(Dev.Stack.Functions.Consumers, consumer => Assert.False(Environment(consumer).ContainsKey("Paging__TokenKey")));

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
        var queues = new Dictionary<Function, Amazon.CDK.AWS.SQS.Queue>
        {
            [Dev.Stack.Functions.OrderingConsumer] = Dev.Stack.Messaging.OrderQueue,
            [Dev.Stack.Functions.BasketCatalogueConsumer] = Dev.Stack.Catalogue.BasketCatalogueQueue,
        };

        foreach (var (consumer, queue) in queues)
        {
            var mapping = MappingOf(consumer);
            AssertIs(GetArn(Dev.LogicalId(queue)), mapping.GetProperty("EventSourceArn"));
            Assert.Equal(10, mapping.GetProperty("BatchSize").GetInt32());
            Assert.InRange(mapping.GetProperty("MaximumBatchingWindowInSeconds").GetInt32(), 1, 5);
            Assert.Equal(["ReportBatchItemFailures"], mapping.Strings("FunctionResponseTypes"));

            // A burst waits in the queue for a few consumers instead of being throttled toward the dead-letter queue;
            // Lambda's floor for an SQS event source's maximum concurrency is 2.
            Assert.InRange(mapping.GetProperty("ScalingConfig").GetProperty("MaximumConcurrency").GetInt32(), 2, 10);
            Assert.False(Dev.Properties(consumer).TryGetProperty("ReservedConcurrentExecutions", out _));
        }
    }

    [Fact]
    public void The_publisher_reads_the_product_stream_from_its_oldest_record_and_keeps_what_it_cannot_publish()
    {
        var mapping = MappingOf(Dev.Stack.Functions.ProductPublisher);

        AssertIs($$"""{"Fn::GetAtt":["{{Dev.LogicalId(Dev.Stack.Data.Products)}}","StreamArn"]}""", mapping.GetProperty("EventSourceArn"));
        Assert.Equal("TRIM_HORIZON", mapping.GetProperty("StartingPosition").GetString());
        // The app answers {"batchItemFailures":[{"itemIdentifier":"<SequenceNumber>"}]}; Lambda resumes from the first one named.
        Assert.Equal(["ReportBatchItemFailures"], mapping.Strings("FunctionResponseTypes"));
        Assert.True(mapping.GetProperty("BisectBatchOnFunctionError").GetBoolean());
        Assert.InRange(mapping.GetProperty("MaximumRetryAttempts").GetInt32(), 1, 20);
        // PutEvents takes at most ten entries.
        Assert.InRange(mapping.GetProperty("BatchSize").GetInt32(), 1, 10);
        AssertIs(
            GetArn(Dev.LogicalId(Dev.Stack.Catalogue.StreamDeadLetterQueue)),
            mapping.GetProperty("DestinationConfig").GetProperty("OnFailure").GetProperty("Destination"));
        Assert.Equal(ServiceFunctions.ConsumerTimeoutSeconds, Dev.Properties(Dev.Stack.Functions.ProductPublisher).GetProperty("Timeout").GetInt32());
    }

    [Fact]
    public void Each_consumer_is_fed_by_exactly_one_event_source_and_no_http_function_by_any()
    {
        Dev.Template.ResourceCountIs("AWS::Lambda::EventSourceMapping", 3);
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
