using System.Text.Json;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ecommerce.Images.Tests;

/// <summary>docker-compose.yml: valid for Compose itself, and wired as the README promises.</summary>
public sealed class ComposeFileTests
{
    private static readonly string ComposeFile = RepositoryRoot.Combine("docker-compose.yml");

    public static TheoryData<string, int> Services => new() { { "product", 8001 }, { "basket", 8002 }, { "ordering", 8003 }, { "inventory", 8004 }, { "payment", 8005 } };

    [ToolFact("docker-compose")]
    public async Task Compose_accepts_the_file()
    {
        // Debian's docker-compose (v1) validates against the Compose schema without a Docker engine.
        await ChildProcess.RunAsync("docker-compose", ["-f", ComposeFile, "config", "-q"], RepositoryRoot.Path, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void LocalStack_is_pinned_to_4_14_0_with_DynamoDB_its_streams_SQS_and_EventBridge_and_a_health_check()
    {
        var localstack = Service("localstack");

        Assert.Equal("localstack/localstack:4.14.0", Scalar(localstack, "image"));
        Assert.Equal(["dynamodb", "dynamodbstreams", "events", "sqs"], Scalar(Map(localstack, "environment"), "SERVICES").Split(',').Order(StringComparer.Ordinal));
        var test = string.Join(' ', ((YamlSequenceNode)Map(localstack, "healthcheck").Children[new YamlScalarNode("test")]).Select(node => ((YamlScalarNode)node).Value));
        Assert.Contains("curl", test, StringComparison.Ordinal);
        Assert.Contains("localhost:4566/_localstack/health", test, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_is_built_from_its_Dockerfile_and_published_on_its_port(string service, int hostPort)
    {
        var definition = Service(service);

        Assert.Equal(".", Scalar(Map(definition, "build"), "context"));
        Assert.Equal($"Dockerfile.{service}", Scalar(Map(definition, "build"), "dockerfile"));
        var port = Assert.Single((YamlSequenceNode)definition.Children[new YamlScalarNode("ports")]);
        Assert.Equal($"{hostPort}:8080", ((YamlScalarNode)port).Value);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_talks_to_LocalStack_creates_its_resources_and_starts_after_LocalStack_is_healthy(string service, int hostPort)
    {
        _ = hostPort;
        var definition = Service(service);
        var environment = Map(definition, "environment");

        Assert.Equal("http://localstack:4566", Scalar(environment, "AWS_ENDPOINT_URL"));
        Assert.Equal("us-east-1", Scalar(environment, "AWS_REGION"));
        Assert.NotEmpty(Scalar(environment, "AWS_ACCESS_KEY_ID"));
        Assert.NotEmpty(Scalar(environment, "AWS_SECRET_ACCESS_KEY"));
        Assert.Equal("true", Scalar(environment, "Aws__CreateResources"));
        Assert.True(Convert.FromBase64String(Scalar(environment, "Paging__TokenKey")).Length >= 32, "The paging key must be base64 of at least 32 bytes.");
        Assert.Equal("service_healthy", Scalar(Map(Map(definition, "depends_on"), "localstack"), "condition"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_accepts_the_tokens_of_the_LocalCloud_issuer_a_browser_reaches_and_reads_its_keys_by_its_service_name(string service, int hostPort)
    {
        _ = hostPort;
        var environment = Map(Service(service), "environment");
        var localcloud = Service("localcloud");

        Assert.Equal("Dockerfile.localcloud", Scalar(Map(localcloud, "build"), "dockerfile"));
        // The issuer is the address the host publishes LocalCloud's port at, so a browser can sign in there.
        var published = ((YamlScalarNode)Assert.Single((YamlSequenceNode)localcloud.Children[new YamlScalarNode("ports")])).Value!.Split(':');
        Assert.Equal($"http://localhost:{published[^2]}", Scalar(Map(localcloud, "environment"), "LocalCloud__Auth__PublicUrl"));
        Assert.Equal(Scalar(Map(localcloud, "environment"), "LocalCloud__Auth__PublicUrl") + "/us-east-1_LocalPool", Scalar(environment, "Auth__Issuer"));
        // The keys, where the containers reach LocalCloud: its service name and its port inside the network.
        Assert.Equal($"http://localcloud:{published[^1]}/us-east-1_LocalPool/.well-known/jwks.json", Scalar(environment, "Auth__KeysUrl"));
        Assert.Equal("ecommerce-local", Scalar(environment, "Auth__ClientIds"));
        Assert.Equal("true", Scalar(environment, "Auth__AllowHttpIssuer"));
        Assert.True(Map(Service(service), "depends_on").Children.ContainsKey(new YamlScalarNode("localcloud")));
    }

    [Theory]
    [InlineData("ordering", new[] { "Ordering__Consumer__Mode", "Ordering__Saga__Mode", "Ordering__Expiry__Mode", "Ordering__Publisher__Mode" })]
    [InlineData("inventory", new[] { "Inventory__Products__Mode", "Inventory__Orders__Mode" })]
    [InlineData("payment", new[] { "Payment__Orders__Mode" })]
    public void Every_consumer_polls_in_a_container(string service, string[] modes)
    {
        var environment = Map(Service(service), "environment");

        Assert.All(modes, mode => Assert.Equal("Poll", Scalar(environment, mode)));
    }

    [Fact]
    public void Payment_reads_its_key_from_LocalCloud_s_Parameter_Store_and_pays_at_LocalCloud_s_provider_once_the_key_is_there()
    {
        var payment = Service("payment");
        var environment = Map(payment, "environment");

        Assert.Equal("http://localcloud:4566/stripe", Scalar(environment, "Payment__Stripe__ApiBase"));
        Assert.Equal("http://localcloud:4566", Scalar(environment, "AWS_ENDPOINT_URL_SSM"));
        // Tables, queues and the bus stay on LocalStack.
        Assert.Equal("http://localstack:4566", Scalar(environment, "AWS_ENDPOINT_URL"));
        Assert.Equal("service_completed_successfully", Scalar(Map(Map(payment, "depends_on"), "stripe-key"), "condition"));

        // The step puts a SecureString test key under the name Payment reads by default.
        var command = ((YamlSequenceNode)Service("stripe-key").Children[new YamlScalarNode("command")]).Select(node => ((YamlScalarNode)node).Value!).ToList();
        Assert.Contains("X-Amz-Target: AmazonSSM.PutParameter", command);
        Assert.Contains("http://localcloud:4566/", command);
        using var body = JsonDocument.Parse(command[command.IndexOf("--data") + 1]);
        Assert.Equal(ResourceDefinitions.StripeSecretKeyParameter.DefaultName, body.RootElement.GetProperty("Name").GetString());
        Assert.Equal("SecureString", body.RootElement.GetProperty("Type").GetString());
        Assert.StartsWith("sk_test_", body.RootElement.GetProperty("Value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shop_serves_the_storefront_and_every_service_on_one_origin_with_the_issuer_a_browser_reaches()
    {
        var shop = Service("shop");
        var environment = Map(shop, "environment");

        Assert.Equal("Dockerfile.gateway", Scalar(Map(shop, "build"), "dockerfile"));
        Assert.Equal("8000:8080", ((YamlScalarNode)Assert.Single((YamlSequenceNode)shop.Children[new YamlScalarNode("ports")])).Value);
        Assert.All(Services, row => Assert.Equal("http://" + row[0] + ":8080", Scalar(environment, $"services__{row[0]}__http__0")));
        Assert.Equal("http://localcloud:4566", Scalar(environment, "services__localcloud__http__0"));
        // The storefront signs in where the services' tokens come from.
        Assert.Equal(Scalar(Map(Service("product"), "environment"), "Auth__Issuer"), Scalar(environment, "Storefront__Authority"));
    }

    [Fact]
    public void The_sample_catalogue_is_seeded_through_the_shop_by_the_script_the_app_host_runs()
    {
        var seed = Service("seed");
        var environment = Map(seed, "environment");

        Assert.Contains("/seed/seed.sh", ((YamlSequenceNode)seed.Children[new YamlScalarNode("entrypoint")]).Select(node => ((YamlScalarNode)node).Value));
        Assert.Equal("./local/seed:/seed:ro", ((YamlScalarNode)Assert.Single((YamlSequenceNode)seed.Children[new YamlScalarNode("volumes")])).Value);
        Assert.Equal("http://shop:8080", Scalar(environment, "SHOP_URL"));
        Assert.Equal("http://localcloud:4566", Scalar(environment, "EDGE_URL"));
        Assert.True(File.Exists(RepositoryRoot.Combine("local/seed/seed.sh")));
    }

    private static YamlMappingNode Service(string name) => Map(Map(Load(), "services"), name);

    /// <summary>The document with YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied, as Compose reads it.</summary>
    private static YamlMappingNode Load()
    {
        using var reader = File.OpenText(ComposeFile);
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? Assert.IsType<YamlMappingNode>(node)
            : throw new Xunit.Sdk.XunitException($"'{key}' is missing");

    private static string Scalar(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? Assert.IsType<YamlScalarNode>(node).Value ?? ""
            : throw new Xunit.Sdk.XunitException($"'{key}' is missing");
}
