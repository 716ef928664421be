using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.S3.Deployment;
using Annotations = Amazon.CDK.Assertions.Annotations;
using Match = Amazon.CDK.Assertions.Match;
using Ecommerce.Deploy.Constructs;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed partial class StorefrontTests(SynthesizedStacks stacks)
{
    // CloudFront's managed policies, by the ids AWS documents for them.
    private const string CachingDisabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private const string CachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private const string AllViewerExceptHostHeader = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    private static readonly string[] AllMethods = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
    private static readonly string[] PublicAccessBlocks = ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"];

    private SynthesizedStack Dev => stacks.Dev;

    /// <summary>The stack with a published storefront.</summary>
    private SynthesizedStack Published => stacks.Prebuilt;

    /// <summary>The stack without one.</summary>
    private SynthesizedStack Unpublished => stacks.Prod;

    [Fact]
    public void The_bucket_is_private_and_only_this_distribution_may_read_it_through_origin_access_control()
    {
        foreach (var stack in new[] { Dev, Unpublished, Published })
        {
            var bucket = stack.Properties(stack.Stack.Storefront.Bucket);
            var block = bucket.GetProperty("PublicAccessBlockConfiguration");
            Assert.All(PublicAccessBlocks, setting => Assert.True(block.GetProperty(setting).GetBoolean()));
            Assert.False(bucket.TryGetProperty("WebsiteConfiguration", out _));

            var distribution = Distribution(stack);
            var origin = Assert.Single(distribution.GetProperty("Origins").EnumerateArray(), o => o.TryGetProperty("S3OriginConfig", out _));
            var oacId = origin.GetProperty("OriginAccessControlId").GetProperty("Fn::GetAtt")[0].GetString()!;
            var oac = stack.Properties(oacId).GetProperty("OriginAccessControlConfig");
            Assert.Equal("s3", oac.GetProperty("OriginAccessControlOriginType").GetString());
            Assert.Equal("always", oac.GetProperty("SigningBehavior").GetString());
            Assert.Equal("sigv4", oac.GetProperty("SigningProtocol").GetString());
            Assert.Equal("", origin.GetProperty("S3OriginConfig").GetProperty("OriginAccessIdentity").GetString());

            // CloudFront reads (and lists, so a missing file is a 404), and only for this distribution; nobody else reads at all.
            var allows = BucketPolicyStatements(stack).Where(s => s.GetProperty("Effect").GetString() == "Allow").ToList();
            var cloudFront = allows.Where(s => s.GetProperty("Principal").TryGetProperty("Service", out var service) && service.GetString() == "cloudfront.amazonaws.com").ToList();
            Assert.Equal(["s3:GetObject", "s3:ListBucket"], cloudFront.Select(s => s.GetProperty("Action").GetString()).Order());
            var thisDistribution = Ref(stack.LogicalId(stack.Stack.Storefront.Distribution));
            Assert.All(cloudFront, s =>
            {
                // arn:<partition>:cloudfront::<account>:distribution/<this distribution's id>
                var arn = s.GetProperty("Condition").GetProperty("StringEquals").GetProperty("AWS:SourceArn").GetProperty("Fn::Join")[1].EnumerateArray().ToList();
                AssertIs(thisDistribution, arn[^1]);
                Assert.Equal(":distribution/", arn[^2].GetString());
            });
            Assert.DoesNotContain(allows, s => s.GetProperty("Principal").ValueKind == JsonValueKind.String || s.GetProperty("Principal").GetRawText().Contains("\"*\"", StringComparison.Ordinal));
            Assert.DoesNotContain(allows.Except(cloudFront).SelectMany(s => s.GetProperty("Action").OneOrMany()), a => a.GetString() == "s3:GetObject");
        }
    }

    [Fact]
    public void The_api_paths_go_to_the_http_api_uncached_with_every_method_and_every_viewer_header_but_host()
    {
        var distribution = Distribution(Dev);
        var behaviors = distribution.GetProperty("CacheBehaviors").EnumerateArray().ToList();
        Assert.Equal(["/basket", "/basket/*", "/inventory", "/inventory/*", "/order", "/order/*", "/payment", "/payment/*", "/product", "/product/*"], behaviors.Select(b => b.GetProperty("PathPattern").GetString()).Order());

        var apiHost = $$"""{"Fn::Select":[2,{"Fn::Split":["/",{"Fn::GetAtt":["{{Dev.LogicalId(Dev.Stack.Api.HttpApi)}}","ApiEndpoint"]}]}]}""";
        foreach (var behavior in behaviors)
        {
            var origin = OriginOf(distribution, behavior);
            AssertIs(apiHost, origin.GetProperty("DomainName"));
            Assert.Equal("https-only", origin.GetProperty("CustomOriginConfig").GetProperty("OriginProtocolPolicy").GetString());

            Assert.Equal(CachingDisabled, behavior.GetProperty("CachePolicyId").GetString());
            // Authorization, Content-Type, If-Match, Idempotency-Key and the query string reach the API; Host does not,
            // so API Gateway sees its own name. With caching off, a managed all-viewer policy is the one way to pass Authorization.
            Assert.Equal(AllViewerExceptHostHeader, behavior.GetProperty("OriginRequestPolicyId").GetString());
            Assert.Equal(AllMethods, behavior.Strings("AllowedMethods").Order());
            Assert.Equal("https-only", behavior.GetProperty("ViewerProtocolPolicy").GetString());
            Assert.False(behavior.TryGetProperty("FunctionAssociations", out _));
        }
    }

    [Fact]
    public void Every_route_of_the_five_services_matches_an_api_path_pattern()
    {
        var paths = Dev.Resources("AWS::ApiGatewayV2::Route")
            .Select(r => r.Resource.GetProperty("Properties").GetProperty("RouteKey").GetString()!.Split(' ')[1])
            .Where(path => !path.StartsWith("/health", StringComparison.Ordinal))
            .Select(path => PathParameter().Replace(path, "x"))
            .ToList();
        Assert.NotEmpty(paths);

        // CloudFront's patterns: '*' is any run of characters, matched against the path as it is.
        Assert.All(paths, path => Assert.Contains(Storefront.ApiPathPatterns, pattern =>
            Regex.IsMatch(path, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$")));
    }

    [Fact]
    public void Everything_else_comes_from_the_bucket_through_the_app_function_and_no_error_is_rewritten()
    {
        var distribution = Distribution(Dev);
        var behavior = distribution.GetProperty("DefaultCacheBehavior");

        Assert.True(OriginOf(distribution, behavior).TryGetProperty("S3OriginConfig", out _));
        Assert.Equal(CachingOptimized, behavior.GetProperty("CachePolicyId").GetString());
        Assert.True(behavior.GetProperty("Compress").GetBoolean());
        Assert.Equal(["GET", "HEAD"], behavior.Strings("AllowedMethods"));
        var association = Assert.Single(behavior.GetProperty("FunctionAssociations").EnumerateArray());
        Assert.Equal("viewer-request", association.GetProperty("EventType").GetString());
        AssertIs($$"""{"Fn::GetAtt":["{{Dev.LogicalId(Dev.Stack.Storefront.AppRequests)}}","FunctionARN"]}""", association.GetProperty("FunctionARN"));

        Assert.Equal("index.html", distribution.GetProperty("DefaultRootObject").GetString());
        // Custom error responses would answer the API's own 404s with index.html too.
        Assert.False(distribution.TryGetProperty("CustomErrorResponses", out _));
    }

    [Fact]
    public async Task The_app_function_serves_index_html_for_the_app_s_pages_and_leaves_every_file_as_asked()
    {
        var uris = await CloudFrontFunctionRunner.RequestUrisAsync(FunctionCode(Unpublished),
            ("/", null),
            ("/authentication/login-callback", "br, gzip"),
            ("/checkout", null),
            ("/products/espresso-cup", null),
            ("/css/app.css", "br, gzip"),
            ("/config.json", "br, gzip"),
            ("/_framework/dotnet.native.rw4kynp763.wasm", "br, gzip"));

        Assert.Equal(
            ["/index.html", "/index.html", "/index.html", "/index.html", "/css/app.css", "/config.json", "/_framework/dotnet.native.rw4kynp763.wasm"],
            uris);
    }

    [Fact]
    public async Task Framework_files_go_out_in_the_best_compression_the_browser_takes_when_both_copies_were_published()
    {
        const string Wasm = "/_framework/dotnet.native.rw4kynp763.wasm";
        const string Satellite = "/_framework/de/Storefront.resources.q1w2e3r4t5.wasm";
        const string Data = "/_framework/icudt_EFIGS.tptq2av103.dat";
        const string Pdb = "/_framework/" + PublishedStorefrontFolder.UncompressedFrameworkFile;

        Assert.Equal(["dat", "js", "wasm"], Published.Stack.Storefront.Files.PrecompressedExtensions);
        var uris = await CloudFrontFunctionRunner.RequestUrisAsync(FunctionCode(Published),
            (Wasm, "gzip, deflate, br, zstd"),
            (Wasm, "gzip"),
            (Wasm, "br;q=0, gzip;q=0.8"),
            (Wasm, "identity"),
            (Wasm, null),
            (Satellite, "br"),
            (Data, "BR"),
            (Pdb, "br, gzip"),
            ("/css/app.css", "br, gzip"));

        Assert.Equal([Wasm + ".br", Wasm + ".gz", Wasm + ".gz", Wasm, Wasm, Satellite + ".br", Data + ".br", Pdb, "/css/app.css"], uris);
    }

    [Fact]
    public void The_app_goes_into_the_bucket_with_each_compressed_copy_carrying_its_encoding()
    {
        var deployments = Deployments(Published);
        Assert.Equal(["Config", "Framework", "FrameworkBrotli", "FrameworkGzip", "Pages"], deployments.Keys.Order());

        var pages = deployments["Pages"];
        Assert.Equal(["_framework/*", "config.json"], pages.Strings("Exclude"));
        Assert.True(pages.GetProperty("Prune").GetBoolean());
        Assert.Equal(Storefront.PageCacheControl, CacheControl(pages));
        var pageFiles = AssetFiles(Published, pages);
        Assert.Equal(PublishedStorefrontFolder.PageFiles.Order(), pageFiles.Order());

        foreach (var (name, encoding, suffix) in new[] { ("Framework", (string?)null, ""), ("FrameworkBrotli", "br", ".br"), ("FrameworkGzip", "gzip", ".gz") })
        {
            var deployment = deployments[name];
            Assert.Equal("_framework/", deployment.GetProperty("DestinationBucketKeyPrefix").GetString());
            Assert.Equal(Storefront.FrameworkCacheControl, CacheControl(deployment));
            Assert.Equal(encoding, deployment.GetProperty("SystemMetadata").TryGetProperty("content-encoding", out var e) ? e.GetString() : null);
            // Hashed names never change content, and a page loaded before a deployment may still ask for the old ones.
            Assert.False(deployment.GetProperty("Prune").GetBoolean());

            // The sync filters pick this deployment's files out of the one framework asset.
            var files = AssetFiles(Published, deployment);
            var picked = files.Where(file => SyncFilterPicks(deployment, file)).ToList();
            var expected = suffix.Length == 0
                ? [.. PublishedStorefrontFolder.CompressedFrameworkFiles, PublishedStorefrontFolder.UncompressedFrameworkFile]
                : PublishedStorefrontFolder.CompressedFrameworkFiles.Select(file => file + suffix).ToArray();
            Assert.Equal(expected.Order(), picked.Order());
        }
    }

    [Fact]
    public void Config_json_carries_the_issuer_the_client_id_and_the_hosted_ui_and_is_written_last_and_never_cached()
    {
        var stack = Dev;
        var config = Deployments(stack)["Config"];

        Assert.False(config.GetProperty("Prune").GetBoolean());
        Assert.Equal(Storefront.ConfigCacheControl, CacheControl(config));
        AssertIs(Ref(stack.LogicalId(stack.Stack.Storefront.Distribution)), config.GetProperty("DistributionId"));
        Assert.Equal(["/*"], config.Strings("DistributionPaths"));

        var written = Assert.Single(AssetFiles(stack, config));
        Assert.Equal(Storefront.ConfigFile, written);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AssetFolder(stack, config), written)));
        var markers = config.GetProperty("SourceMarkers")[0];
        var root = json.RootElement;

        var pool = stack.LogicalId(stack.Stack.Identity.UserPool);
        AssertIs($$"""{"Fn::Join":["",["https://cognito-idp.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"},"/",{"Ref":"{{pool}}"}]]}""", Resolve(root, "authority", markers));
        AssertIs(Ref(stack.LogicalId(stack.Stack.Identity.Client)), Resolve(root, "clientId", markers));
        Assert.Equal("openid email profile", root.GetProperty("scope").GetString());
        Assert.Contains(".amazoncognito.com", root.GetProperty("hostedUiUrl").GetString(), StringComparison.Ordinal);
        // The issuer the services and the API's authorizer trust, exactly.
        AssertIs(stack.Properties(stack.Stack.Functions.Basket).GetProperty("Environment").GetProperty("Variables").GetProperty("Auth__Issuer").GetRawText(), Resolve(root, "authority", markers));

        // Written after the app, so a browser never finds the old app with the new settings, or neither.
        var dependsOn = stack.Json.GetProperty("Resources").GetProperty(DeploymentIds(stack)["Config"]).GetProperty("DependsOn").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.All(DeploymentIds(stack).Where(d => d.Key != "Config"), d => Assert.Contains(d.Value, dependsOn));
    }

    [Fact]
    public void Without_a_published_storefront_the_stack_still_deploys_and_serves_a_page_that_says_how_to_publish_it()
    {
        var warnings = Annotations.FromStack(Unpublished.Stack).FindWarning("*", Match.StringLikeRegexp("No storefront at .*dotnet publish web/Storefront.*"));
        Assert.Single(warnings);
        Assert.Empty(Annotations.FromStack(Published.Stack).FindWarning("*", Match.StringLikeRegexp("No storefront at .*")));

        Assert.True(Unpublished.Stack.Storefront.Files.IsPlaceholder);
        Assert.Empty(Unpublished.Stack.Storefront.Files.PrecompressedExtensions);
        var deployments = Deployments(Unpublished);
        Assert.Equal(["Config", "Pages"], deployments.Keys.Order());
        var page = File.ReadAllText(Path.Combine(AssetFolder(Unpublished, deployments["Pages"]), "index.html"));
        Assert.Contains("dotnet publish web/Storefront -c Release -o artifacts/publish/storefront", page, StringComparison.Ordinal);

        // The same routing as with the app: publishing later needs only another deploy.
        static string[] Routing(JsonElement distribution) =>
        [
            .. distribution.GetProperty("CacheBehaviors").EnumerateArray()
                .Select(b => $"{b.GetProperty("PathPattern")} {b.GetProperty("CachePolicyId")} {b.GetProperty("OriginRequestPolicyId")}"),
        ];
        Assert.Equal(Routing(Distribution(Published)), Routing(Distribution(Unpublished)));
    }

    [Fact]
    public void A_dev_stack_empties_and_deletes_its_bucket_and_prod_keeps_it()
    {
        var dev = Dev.Json.GetProperty("Resources").GetProperty(Dev.LogicalId(Dev.Stack.Storefront.Bucket));
        Assert.Equal("Delete", dev.GetProperty("DeletionPolicy").GetString());
        Assert.Single(Dev.Resources("Custom::S3AutoDeleteObjects"));

        var prod = Unpublished.Json.GetProperty("Resources").GetProperty(Unpublished.LogicalId(Unpublished.Stack.Storefront.Bucket));
        Assert.Equal("Retain", prod.GetProperty("DeletionPolicy").GetString());
        Assert.Empty(Unpublished.Resources("Custom::S3AutoDeleteObjects"));
    }

    [Fact]
    public void The_stack_outputs_the_storefront_url()
    {
        var url = Dev.Json.GetProperty("Outputs").GetProperty("StorefrontUrl").GetProperty("Value");
        AssertIs($$"""{"Fn::Join":["",["https://",{"Fn::GetAtt":["{{Dev.LogicalId(Dev.Stack.Storefront.Distribution)}}","DomainName"]},"/"]]}""", url);
    }

    private static JsonElement Distribution(SynthesizedStack stack) =>
        stack.Properties(stack.Stack.Storefront.Distribution).GetProperty("DistributionConfig");

    private static JsonElement OriginOf(JsonElement distribution, JsonElement behavior) =>
        distribution.GetProperty("Origins").EnumerateArray().Single(o => o.GetProperty("Id").GetString() == behavior.GetProperty("TargetOriginId").GetString());

    private static List<JsonElement> BucketPolicyStatements(SynthesizedStack stack) =>
        [.. Assert.Single(stack.Resources("AWS::S3::BucketPolicy")).Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()];

    private static string FunctionCode(SynthesizedStack stack) =>
        stack.Properties(stack.Stack.Storefront.AppRequests).GetProperty("FunctionCode").GetString()!;

    /// <summary>The logical ids of the storefront's deployments by construct id: Pages, Framework..., Config.</summary>
    private static Dictionary<string, string> DeploymentIds(SynthesizedStack stack) =>
        stack.Stack.Storefront.Node.Children.OfType<BucketDeployment>().ToDictionary(
            deployment => deployment.Node.Id,
            deployment => stack.Stack.GetLogicalId(deployment.Node.FindAll().OfType<CfnResource>().Single(r => r.CfnResourceType == "Custom::CDKBucketDeployment")));

    private static Dictionary<string, JsonElement> Deployments(SynthesizedStack stack) =>
        DeploymentIds(stack).ToDictionary(d => d.Key, d => stack.Properties(d.Value));

    private static string CacheControl(JsonElement deployment) =>
        deployment.GetProperty("SystemMetadata").GetProperty("cache-control").GetString()!;

    /// <summary>The folder the toolkit zips and uploads as the deployment's one source.</summary>
    private static string AssetFolder(SynthesizedStack stack, JsonElement deployment)
    {
        var key = Assert.Single(deployment.GetProperty("SourceObjectKeys").EnumerateArray()).GetString()!;
        return Path.Combine(stack.OutputDirectory, "asset." + Path.GetFileNameWithoutExtension(key));
    }

    private static string[] AssetFiles(SynthesizedStack stack, JsonElement deployment)
    {
        var folder = AssetFolder(stack, deployment);
        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))];
    }

    // The AWS CLI's sync filters: in order, the last one that matches decides; '*' matches across '/'.
    private static bool SyncFilterPicks(JsonElement deployment, string file)
    {
        var filters = deployment.TryGetProperty("Exclude", out var exclude) ? exclude.EnumerateArray().Select(f => (Include: false, Pattern: f.GetString()!)) : [];
        filters = filters.Concat(deployment.TryGetProperty("Include", out var include) ? include.EnumerateArray().Select(f => (Include: true, Pattern: f.GetString()!)) : []);
        var picked = true;
        foreach (var (isInclude, pattern) in filters)
        {
            if (Regex.IsMatch(file, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$"))
            {
                picked = isInclude;
            }
        }

        return picked;
    }

    /// <summary>A config.json value with its deploy-time markers put back as the CloudFormation values they stand for.</summary>
    private static JsonElement Resolve(JsonElement config, string property, JsonElement markers)
    {
        var parts = Marker().Split(config.GetProperty(property).GetString()!)
            .Where(part => part.Length > 0)
            .Select(part => markers.TryGetProperty(part, out var value) ? value.GetRawText() : JsonSerializer.Serialize(part, DeployTestsJsonContext.Default.String))
            .ToList();
        using var resolved = JsonDocument.Parse(parts.Count == 1 ? parts[0] : $$"""{"Fn::Join":["",[{{string.Join(",", parts)}}]]}""");
        return resolved.RootElement.Clone();
    }

    [GeneratedRegex("(<<marker:0xbaba:[0-9]+>>)")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
