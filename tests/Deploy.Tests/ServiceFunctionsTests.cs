using System.Text.Json;
using Amazon.CDK.AWS.Lambda;
using Ecommerce.Deploy.Constructs;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class ServiceFunctionsTests(SynthesizedStacks stacks)
{
    private static readonly string[] X86 = ["x86_64"];
    private static readonly string[] Arm = ["arm64"];

    private SynthesizedStack Dev => stacks.Dev;

    [Fact]
    public void Four_image_functions_are_built_from_the_three_dockerfiles()
    {
        Dev.Template.ResourceCountIs("AWS::Lambda::Function", 4);
        Dev.Template.AllResourcesProperties("AWS::Lambda::Function", new Dictionary<string, object> { ["PackageType"] = "Image" });

        var dockerfiles = Dev.AssetManifest.GetProperty("dockerImages").EnumerateObject()
            .ToDictionary(image => image.Name, image => image.Value.GetProperty("source").GetProperty("dockerFile").GetString());
        Assert.Equal(["Dockerfile.basket", "Dockerfile.ordering", "Dockerfile.product"], dockerfiles.Values.Order());

        Assert.Equal("Dockerfile.product", dockerfiles[ImageTag(Dev.Stack.Functions.Product)]);
        Assert.Equal("Dockerfile.basket", dockerfiles[ImageTag(Dev.Stack.Functions.Basket)]);
        Assert.Equal("Dockerfile.ordering", dockerfiles[ImageTag(Dev.Stack.Functions.OrderingApi)]);
        Assert.Equal("Dockerfile.ordering", dockerfiles[ImageTag(Dev.Stack.Functions.OrderingConsumer)]);
    }

    [Fact]
    public void Given_pushed_image_uris_the_functions_run_exactly_those_and_nothing_is_built()
    {
        var stack = stacks.Prebuilt;
        var functions = stack.Stack.Functions;
        var images = SynthesizedStacks.PushedImages;

        Assert.Equal(images[DeploySettings.ProductImageKey], ImageUri(stack, functions.Product));
        Assert.Equal(images[DeploySettings.BasketImageKey], ImageUri(stack, functions.Basket));
        Assert.Equal(images[DeploySettings.OrderingImageKey], ImageUri(stack, functions.OrderingApi));
        Assert.Equal(images[DeploySettings.OrderingImageKey], ImageUri(stack, functions.OrderingConsumer));

        Assert.False(stack.AssetManifest.TryGetProperty("dockerImages", out var assets) && assets.EnumerateObject().Any());
        Assert.Empty(Directory.EnumerateDirectories(stack.OutputDirectory, "asset.*"));
        stack.Template.AllResourcesProperties("AWS::Lambda::Function", new Dictionary<string, object> { ["PackageType"] = "Image" });
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
    public void Architecture_and_memory_default_to_x86_64_and_256_MB()
    {
        Dev.Template.AllResourcesProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["Architectures"] = X86,
            ["MemorySize"] = DeploySettings.DefaultMemorySize,
        });
        Assert.All(Dev.AssetManifest.GetProperty("dockerImages").EnumerateObject(), image =>
            Assert.Equal("linux/amd64", image.Value.GetProperty("source").GetProperty("platform").GetString()));
    }

    [Fact]
    public void Architecture_and_memory_come_from_context_and_the_images_are_built_for_that_cpu()
    {
        stacks.Prod.Template.AllResourcesProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["Architectures"] = Arm,
            ["MemorySize"] = 512,
        });
        Assert.All(stacks.Prod.AssetManifest.GetProperty("dockerImages").EnumerateObject(), image =>
            Assert.Equal("linux/arm64", image.Value.GetProperty("source").GetProperty("platform").GetString()));
    }

    [Fact]
    public void Every_function_logs_to_its_own_group_with_the_retention_from_context()
    {
        foreach (var (stack, days) in new[] { (stacks.Dev, DeploySettings.DefaultLogRetentionDays), (stacks.Prod, 90) })
        {
            // The four functions' groups and the API's access log.
            stack.Template.ResourceCountIs("AWS::Logs::LogGroup", 5);
            stack.Template.AllResourcesProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["RetentionInDays"] = days });

            var groups = stack.Resources("AWS::Lambda::Function")
                .Select(f => f.Resource.GetProperty("Properties").GetProperty("LoggingConfig").GetProperty("LogGroup").GetProperty("Ref").GetString())
                .ToList();
            Assert.Equal(4, groups.Distinct().Count());
            Assert.All(groups, g => Assert.Equal("AWS::Logs::LogGroup", stack.Json.GetProperty("Resources").GetProperty(g!).GetProperty("Type").GetString()));
            // A LogRetention custom resource would bring a helper function with logs:* on "*".
            stack.Template.ResourceCountIs("Custom::LogRetention", 0);
        }
    }

    [Fact]
    public void Each_function_is_told_the_names_of_exactly_the_resources_it_uses()
    {
        var data = Dev.Stack.Data;
        var messaging = Dev.Stack.Messaging;
        var orderingNames = new Dictionary<string, string>
        {
            ["Resources__OrderTable"] = Ref(Dev.LogicalId(data.Orders)),
            ["Resources__OrderQueue"] = QueueName(Dev.LogicalId(messaging.OrderQueue)),
            ["Resources__OrderDeadLetterQueue"] = QueueName(Dev.LogicalId(messaging.DeadLetterQueue)),
        };

        AssertResourceNames(Dev.Stack.Functions.Product, new() { ["Resources__ProductTable"] = Ref(Dev.LogicalId(data.Products)) });
        AssertResourceNames(Dev.Stack.Functions.Basket, new()
        {
            ["Resources__BasketTable"] = Ref(Dev.LogicalId(data.Baskets)),
            ["Resources__CheckoutIdempotencyTable"] = Ref(Dev.LogicalId(data.CheckoutIdempotency)),
            ["Resources__EventBus"] = Ref(Dev.LogicalId(messaging.Bus)),
        });
        AssertResourceNames(Dev.Stack.Functions.OrderingApi, orderingNames);
        AssertResourceNames(Dev.Stack.Functions.OrderingConsumer, orderingNames);
    }

    [Fact]
    public void The_ordering_consumer_runs_the_ordering_image_in_consumer_mode_and_fails_the_batch_on_anything_but_a_2xx()
    {
        var consumer = Environment(Dev.Stack.Functions.OrderingConsumer);
        Assert.Equal("Lambda", consumer["Ordering__Consumer__Mode"].GetString());
        Assert.Equal("/events", consumer["AWS_LWA_PASS_THROUGH_PATH"].GetString());

        // Kestrel may answer any status from 100 to 999; only a 2xx may reach Lambda as the batch's result.
        var errors = LambdaWebAdapter.ParseStatusCodes(consumer["AWS_LWA_ERROR_STATUS_CODES"].GetString()!);
        Assert.All(Enumerable.Range(100, 900), status => Assert.Equal(status is < 200 or > 299, errors.Contains(status)));

        var api = Environment(Dev.Stack.Functions.OrderingApi);
        Assert.Equal("Off", api["Ordering__Consumer__Mode"].GetString());
        Assert.False(api.ContainsKey("AWS_LWA_PASS_THROUGH_PATH"));
        Assert.Equal(ImageTag(Dev.Stack.Functions.OrderingApi), ImageTag(Dev.Stack.Functions.OrderingConsumer));
    }

    [Fact]
    public void The_http_functions_share_one_paging_key_resolved_from_the_stack_secret_at_deploy_time()
    {
        var secret = Dev.LogicalId(Dev.Stack.Functions.PagingTokenKey);
        var expected = $$$"""{"Fn::Join":["",["{{resolve:secretsmanager:",{"Ref":"{{{secret}}}"},":SecretString:::}}"]]}""";
        foreach (var function in new[] { Dev.Stack.Functions.Product, Dev.Stack.Functions.Basket, Dev.Stack.Functions.OrderingApi })
        {
            AssertIs(expected, Environment(function)["Paging__TokenKey"]);
        }

        Assert.False(Environment(Dev.Stack.Functions.OrderingConsumer).ContainsKey("Paging__TokenKey"));

        // 64 characters of [A-Za-z0-9] are valid base64 for 48 bytes: at least the 32 the codec asks for.
        var generator = Dev.Properties(secret).GetProperty("GenerateSecretString");
        Assert.Equal(64, generator.GetProperty("PasswordLength").GetInt32());
        Assert.True(generator.GetProperty("ExcludePunctuation").GetBoolean());
        Assert.False(generator.GetProperty("IncludeSpace").GetBoolean());
        Assert.Equal(48, Convert.FromBase64String(new string('A', 32) + new string('z', 16) + new string('9', 16)).Length);
    }

    [Fact]
    public void The_consumer_reads_the_order_queue_ten_at_a_time_and_reports_batch_item_failures()
    {
        var mapping = Assert.Single(Dev.Resources("AWS::Lambda::EventSourceMapping")).Resource.GetProperty("Properties");

        AssertIs(GetArn(Dev.LogicalId(Dev.Stack.Messaging.OrderQueue)), mapping.GetProperty("EventSourceArn"));
        AssertIs(Ref(Dev.LogicalId(Dev.Stack.Functions.OrderingConsumer)), mapping.GetProperty("FunctionName"));
        Assert.Equal(10, mapping.GetProperty("BatchSize").GetInt32());
        Assert.InRange(mapping.GetProperty("MaximumBatchingWindowInSeconds").GetInt32(), 1, 5);
        Assert.Equal(["ReportBatchItemFailures"], mapping.GetProperty("FunctionResponseTypes").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void A_burst_waits_in_the_queue_for_a_few_consumers_instead_of_being_throttled_toward_the_dead_letter_queue()
    {
        var mapping = Assert.Single(Dev.Resources("AWS::Lambda::EventSourceMapping")).Resource.GetProperty("Properties");

        // Lambda's floor for an SQS event source's maximum concurrency is 2.
        Assert.InRange(mapping.GetProperty("ScalingConfig").GetProperty("MaximumConcurrency").GetInt32(), 2, 10);
        Assert.False(Dev.Properties(Dev.Stack.Functions.OrderingConsumer).TryGetProperty("ReservedConcurrentExecutions", out _));
    }

    [Fact]
    public void Http_functions_stop_when_api_gateway_stops_waiting()
    {
        foreach (var function in new[] { Dev.Stack.Functions.Product, Dev.Stack.Functions.Basket, Dev.Stack.Functions.OrderingApi })
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
