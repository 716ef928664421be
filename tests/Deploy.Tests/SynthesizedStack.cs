using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Constructs;

namespace Ecommerce.Deploy.Tests;

/// <summary>One stack synthesized with the given context, as CloudFormation and the CDK toolkit would read it.</summary>
public sealed class SynthesizedStack : IDisposable
{
    private readonly JsonDocument _template;
    private readonly JsonDocument _assets;

    /// <param name="context">What the test sets on top of cdk.json's context, as "-c key=value" would.</param>
    public SynthesizedStack(IDictionary<string, object> context)
    {
        OutputDirectory = Directory.CreateTempSubdirectory("deploy-tests-").FullName;
        var repositoryRoot = RepositoryRoot.Find(AppContext.BaseDirectory);
        var merged = CdkJsonContext(repositoryRoot);
        foreach (var (key, value) in context)
        {
            merged[key] = value;
        }

        var app = new App(new AppProps { Context = merged, Outdir = OutputDirectory });
        Settings = DeploySettings.FromContext(app.Node);
        Stack = new EcommerceStack(app, Settings, repositoryRoot);
        Template = Template.FromStack(Stack);

        // The assertions API answers questions; the files are what the toolkit deploys, for scans over everything.
        _template = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, Stack.StackName + ".template.json")));
        _assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, Stack.StackName + ".assets.json")));
    }

    public string OutputDirectory { get; }
    public DeploySettings Settings { get; }
    public EcommerceStack Stack { get; }
    public Template Template { get; }

    public JsonElement Json => _template.RootElement;
    public JsonElement AssetManifest => _assets.RootElement;

    public string LogicalId(IConstruct construct) =>
        Stack.GetLogicalId((CfnElement)(construct.Node.DefaultChild ?? throw new ArgumentException("No CloudFormation resource.", nameof(construct))));

    public IEnumerable<(string Id, JsonElement Resource)> Resources(string type) =>
        Json.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == type)
            .Select(r => (r.Name, r.Value));

    public JsonElement Properties(string logicalId) =>
        Json.GetProperty("Resources").GetProperty(logicalId).GetProperty("Properties");

    public JsonElement Properties(IConstruct construct) => Properties(LogicalId(construct));

    /// <summary>The policy document of the one queue policy on <paramref name="queue"/>.</summary>
    public JsonElement QueuePolicy(IConstruct queue) =>
        Resources("AWS::SQS::QueuePolicy")
            .Single(p => p.Resource.GetProperty("Properties").GetProperty("Queues")[0].Is(Intrinsics.Ref(LogicalId(queue))))
            .Resource.GetProperty("Properties").GetProperty("PolicyDocument");

    /// <summary>The context (settings and feature flags) that <c>cdk synth</c> and <c>cdk deploy</c> read from cdk.json.</summary>
    public static Dictionary<string, object> CdkJsonContext(string repositoryRoot)
    {
        using var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "deploy", "cdk.json")));
        return cdkJson.RootElement.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => ToClr(p.Value));
    }

    private static object ToClr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetInt32(out var i) ? i : value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(item => item.GetString()!).ToArray(),
        _ => throw new NotSupportedException("cdk.json context value " + value.GetRawText()),
    };

    public void Dispose()
    {
        _template.Dispose();
        _assets.Dispose();
        Directory.Delete(OutputDirectory, recursive: true);
    }
}

/// <summary>The stacks every test reads, synthesized once: jsii runs each synthesis through node.</summary>
public sealed class SynthesizedStacks : IDisposable
{
    public static readonly string[] ProductionOrigins = ["https://shop.example.com", "http://localhost:3000"];
    public const string ProductionAlarmEmail = "ops@example.com";
    public const string ProductionEmailFrom = "no-reply@shop.example.com";
    public static readonly string[] ProductionCallbackUrls = ["https://shop.example.com/authentication/login-callback", "http://localhost:5173/callback"];
    public static readonly string[] ProductionLogoutUrls = ["https://shop.example.com/"];

    /// <summary>A storefront path with nothing published under it.</summary>
    public const string UnpublishedStorefront = "artifacts/publish/no-such-storefront/wwwroot";

    /// <summary>A parameter name other than the default, and an expiry shorter than the contract's 15 minutes.</summary>
    public const string ProductionStripeParameter = "/shop-prod/stripe-key";
    public const int ProductionOrderExpirySeconds = 600;

    /// <summary>What a pipeline deploys: images build/push.sh pushed beforehand, named by URI.</summary>
    public static readonly IReadOnlyDictionary<string, string> PushedImages = new Dictionary<string, string>
    {
        [DeploySettings.ProductImageKey] = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecommerce/product:0123456789ab-x64",
        [DeploySettings.BasketImageKey] = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecommerce/basket:0123456789ab-x64",
        [DeploySettings.OrderingImageKey] = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecommerce/ordering@sha256:" + new string('a', 64),
        [DeploySettings.InventoryImageKey] = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecommerce/inventory:0123456789ab-x64",
        [DeploySettings.PaymentImageKey] = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecommerce/payment:0123456789ab",
    };

    public SynthesizedStacks()
    {
        PublishedStorefront = PublishedStorefrontFolder.Create();

        Dev = new(new Dictionary<string, object>());
        Prod = new(new Dictionary<string, object>
        {
            [DeploySettings.StageKey] = "prod",
            [DeploySettings.CognitoEmailFromKey] = ProductionEmailFrom,
            [DeploySettings.ArchitectureKey] = "arm64",
            [DeploySettings.MemorySizeKey] = "1024",
            [DeploySettings.LogRetentionDaysKey] = 90,
            [DeploySettings.CorsAllowedOriginsKey] = ProductionOrigins,
            [DeploySettings.AlarmEmailKey] = ProductionAlarmEmail,
            [DeploySettings.AuthCallbackUrlsKey] = ProductionCallbackUrls,
            [DeploySettings.AuthLogoutUrlsKey] = string.Join(',', ProductionLogoutUrls),
            [DeploySettings.StorefrontPathKey] = UnpublishedStorefront,
            [DeploySettings.StripeSecretKeyParameterKey] = ProductionStripeParameter,
            [DeploySettings.OrderExpirySecondsKey] = ProductionOrderExpirySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Prebuilt = new(new Dictionary<string, object>(PushedImages.Select(image => KeyValuePair.Create(image.Key, (object)image.Value)))
        {
            [DeploySettings.StorefrontPathKey] = PublishedStorefront.Path,
        });
    }

    /// <summary>cdk.json as committed: what a plain <c>cdk deploy</c> creates.</summary>
    public SynthesizedStack Dev { get; }

    /// <summary>Every setting changed, mostly as "-c key=value" strings, the origins as a cdk.json list; no storefront published.</summary>
    public SynthesizedStack Prod { get; }

    /// <summary>What a pipeline deploys: pushed images and a published storefront.</summary>
    public SynthesizedStack Prebuilt { get; }

    /// <summary>The storefront <see cref="Prebuilt"/> deploys, shaped as <c>dotnet publish</c> leaves a Blazor WebAssembly app.</summary>
    public PublishedStorefrontFolder PublishedStorefront { get; }

    public IEnumerable<SynthesizedStack> Both => [Dev, Prod];

    public void Dispose()
    {
        Dev.Dispose();
        Prod.Dispose();
        Prebuilt.Dispose();
        PublishedStorefront.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class UsesSynthesizedStacks : ICollectionFixture<SynthesizedStacks>
{
    public const string Name = "synthesized stacks";
}
