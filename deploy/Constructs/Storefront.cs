using Amazon.CDK;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Deployment;
using Constructs;
using Ecommerce.Edge;
using CloudFrontFunction = Amazon.CDK.AWS.CloudFront.Function;
using AssetOptions = Amazon.CDK.AWS.S3.Assets.AssetOptions;
using Distribution = Amazon.CDK.AWS.CloudFront.Distribution;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// The storefront, a Blazor WebAssembly app, on one CloudFront distribution: its files from a private
/// bucket that only this distribution may read (origin access control), and the API's paths sent to the
/// HTTP API, so the browser calls the API on its own origin and needs no CORS. The app reads its
/// sign-in settings from <c>config.json</c>, which the stack writes beside it at deploy time.
/// </summary>
public sealed class Storefront : Construct
{
    /// <summary>Each service's routes, its Swagger UI among them: <c>/product</c> and <c>/product/*</c>, and so on.</summary>
    public static readonly string[] ApiPathPatterns = [.. PublicApi.ServicePrefixes.SelectMany(prefix => new[] { "/" + prefix, $"/{prefix}/*" })];

    public const string ConfigFile = "config.json";
    public const string SignInCallbackPath = "/authentication/login-callback";
    public const string SignOutCallbackPath = "/authentication/logout-callback";

    /// <summary>The scopes the app asks for, the ones the app client allows.</summary>
    public const string Scope = "openid email profile";

    /// <summary>Every file but <c>_framework</c>'s: a browser asks again each time (a 304 when unchanged); CloudFront keeps it until the next deployment invalidates it.</summary>
    public const string PageCacheControl = "public, max-age=0, s-maxage=31536000";

    /// <summary><c>_framework</c>'s files are named by their content hash, so a name never changes content.</summary>
    public const string FrameworkCacheControl = "public, max-age=31536000, immutable";

    public const string ConfigCacheControl = "no-cache";

    public Bucket Bucket { get; }
    public Distribution Distribution { get; }

    /// <summary>Sends the app's own pages to index.html and <c>_framework</c>'s files out pre-compressed.</summary>
    public CloudFrontFunction AppRequests { get; }

    public StorefrontFiles Files { get; }

    /// <summary>The storefront's pages: the shop's Content-Security-Policy (<see cref="SecurityHeaders"/>), no framing, HSTS.</summary>
    public ResponseHeadersPolicy PageHeaders { get; }

    /// <summary>The API's paths: the same headers, with a policy that only forbids framing (Swagger UI's pages carry inline script).</summary>
    public ResponseHeadersPolicy ApiHeaders { get; }

    /// <summary>The role of CDK's deployment function, which copies the files in: our own, without a managed policy.</summary>
    public Role DeploymentRole { get; }

    public LogGroup DeploymentLogs { get; }

    /// <summary>Stripe's publishable key, which config.json gives Stripe.js's Payment Element; none, and the shop takes no card.</summary>
    private readonly string? _stripePublishableKey;

    public string Url => $"https://{Distribution.DistributionDomainName}";
    public string SignInCallbackUrl => Url + SignInCallbackPath;
    public string SignOutCallbackUrl => Url + SignOutCallbackPath;

    /// <summary>Each service's Swagger UI opened through this distribution (<c>/product/swagger</c>) finishes its sign-in here.</summary>
    public IEnumerable<string> SwaggerRedirectUrls => PublicApi.ServicePrefixes.Select(prefix => $"{Url}/{prefix}/swagger/oauth2-redirect.html");

    /// <summary>The bucket and the distribution; the files follow in <see cref="Publish"/>, once the app client exists.</summary>
    public Storefront(Construct scope, string id, DeploySettings settings, PublicApi api, Identity identity, StorefrontFiles files, string repositoryRoot)
        : base(scope, id)
    {
        Files = files;
        _stripePublishableKey = settings.StripePublishableKey;
        if (files.IsPlaceholder)
        {
            Annotations.Of(this).AddWarningV2("ecommerce:storefrontNotPublished",
                $"No storefront at '{settings.StorefrontPath}' (context '{DeploySettings.StorefrontPathKey}'): the distribution serves a page that says how to publish it. " +
                "Run 'dotnet publish web/Storefront -c Release -o artifacts/publish/storefront' and deploy again.");
        }

        DeploymentRole = new Role(this, "DeploymentRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "Copies the storefront's files into its bucket at deploy time",
        });
        DeploymentLogs = new LogGroup(this, "DeploymentLogs", new LogGroupProps
        {
            Retention = settings.LogRetention,
            RemovalPolicy = settings.RemovalPolicy,
        });
        DeploymentLogs.GrantWrite(DeploymentRole);

        Bucket = new Bucket(this, "Files", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            RemovalPolicy = settings.RemovalPolicy,
            // Its files come from the publish output, so a stage that keeps no data empties and deletes it with the stack.
            AutoDeleteObjects = !settings.IsProduction,
        });

        AppRequests = new CloudFrontFunction(this, "AppRequests", new FunctionProps
        {
            Comment = "Storefront pages to index.html; _framework files pre-compressed",
            Runtime = FunctionRuntime.JS_2_0,
            Code = FunctionCode.FromInline(
                $"var precompressed = [{string.Join(", ", files.PrecompressedExtensions.Select(extension => $"'{extension}'"))}];\n"
                + File.ReadAllText(Path.Combine(repositoryRoot, "deploy", "storefront", "viewer-request.js"))),
        });

        // The page policy names this build's import map by hash: a deployment changes both together.
        PageHeaders = new ResponseHeadersPolicy(this, "PageHeaders", new ResponseHeadersPolicyProps
        {
            Comment = "Storefront pages: Blazor WebAssembly, Stripe.js, sign-in at Cognito; no framing",
            SecurityHeadersBehavior = SecurityHeadersWith(SecurityHeaders.PageContentSecurityPolicy(files.InlineScriptHashes, identity.SignInOrigins, https: true)),
        });
        ApiHeaders = new ResponseHeadersPolicy(this, "ApiHeaders", new ResponseHeadersPolicyProps
        {
            Comment = "The API and its Swagger UIs: no framing",
            SecurityHeadersBehavior = SecurityHeadersWith(SecurityHeaders.ApiContentSecurityPolicy),
        });

        var toApi = new BehaviorOptions
        {
            // The HTTP API's endpoint is https://<id>.execute-api.<region>.amazonaws.com; the origin wants the host alone.
            Origin = new HttpOrigin(Fn.Select(2, Fn.Split("/", api.HttpApi.ApiEndpoint)), new HttpOriginProps
            {
                ProtocolPolicy = OriginProtocolPolicy.HTTPS_ONLY,
            }),
            ViewerProtocolPolicy = ViewerProtocolPolicy.HTTPS_ONLY,
            AllowedMethods = AllowedMethods.ALLOW_ALL,
            CachePolicy = CachePolicy.CACHING_DISABLED,
            // Every header but Host (API Gateway answers only to its own), and every query string. With caching off this
            // is the one way to pass Authorization on: CloudFront refuses it in a custom origin request policy.
            OriginRequestPolicy = OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            ResponseHeadersPolicy = ApiHeaders,
            Compress = true,
        };

        Distribution = new Distribution(this, "Distribution", new DistributionProps
        {
            Comment = settings.StackName + " storefront",
            DefaultRootObject = "index.html",
            HttpVersion = HttpVersion.HTTP2_AND_3,
            DefaultBehavior = new BehaviorOptions
            {
                Origin = S3BucketOrigin.WithOriginAccessControl(Bucket),
                ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                AllowedMethods = AllowedMethods.ALLOW_GET_HEAD,
                CachePolicy = CachePolicy.CACHING_OPTIMIZED,
                ResponseHeadersPolicy = PageHeaders,
                Compress = true,
                // Not custom error responses: those would turn the API's own 404s into index.html too.
                FunctionAssociations = [new FunctionAssociation { Function = AppRequests, EventType = FunctionEventType.VIEWER_REQUEST }],
            },
            AdditionalBehaviors = ApiPathPatterns.ToDictionary(pattern => pattern, _ => (IBehaviorOptions)toApi),
        });

        // With ListBucket a missing file is a 404 rather than S3's 403; still only for this distribution.
        Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("cloudfront.amazonaws.com")],
            Actions = ["s3:ListBucket"],
            Resources = [Bucket.BucketArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["AWS:SourceArn"] = $"arn:{Aws.PARTITION}:cloudfront::{Aws.ACCOUNT_ID}:distribution/{Distribution.DistributionId}",
                },
            },
        }));
    }

    // Every header replaces one the origin sent (Override), so a service cannot weaken them.
    private static ResponseSecurityHeadersBehavior SecurityHeadersWith(string contentSecurityPolicy) => new()
    {
        ContentSecurityPolicy = new ResponseHeadersContentSecurityPolicy { ContentSecurityPolicy = contentSecurityPolicy, Override = true },
        ContentTypeOptions = new ResponseHeadersContentTypeOptions { Override = true },
        FrameOptions = new ResponseHeadersFrameOptions { FrameOption = Enum.Parse<HeadersFrameOption>(SecurityHeaders.FrameOptions), Override = true },
        ReferrerPolicy = new ResponseHeadersReferrerPolicy
        {
            ReferrerPolicy = Enum.Parse<HeadersReferrerPolicy>(SecurityHeaders.ReferrerPolicy.Replace('-', '_'), ignoreCase: true),
            Override = true,
        },
        StrictTransportSecurity = new ResponseHeadersStrictTransportSecurity
        {
            AccessControlMaxAge = Duration.Seconds(SecurityHeaders.StrictTransportSecurityMaxAgeSeconds),
            IncludeSubdomains = false,
            Override = true,
        },
    };

    /// <summary>
    /// Copies the app into the bucket, then writes config.json with the pool's issuer and the app client, and
    /// only then clears CloudFront's copies, so no browser meets a half-deployed app.
    /// </summary>
    public void Publish(Identity identity)
    {
        BucketDeployment Deploy(
            string id, ISource source, string cacheControl, string? prefix = null, string[]? exclude = null, string[]? include = null,
            string? encoding = null, bool prune = true, bool invalidate = false) =>
            new(this, id, new BucketDeploymentProps
            {
                Sources = [source],
                DestinationBucket = Bucket,
                DestinationKeyPrefix = prefix,
                // The AWS CLI's sync filters: what a deployment leaves out, its pruning leaves alone too.
                Exclude = exclude,
                Include = include,
                Prune = prune,
                ContentEncoding = encoding,
                CacheControl = [CacheControl.FromString(cacheControl)],
                Role = DeploymentRole,
                LogGroup = DeploymentLogs,
                // The AWS CLI unpacks and syncs the whole app; the default 128 MB is tight for that.
                MemoryLimit = 512,
                Distribution = invalidate ? Distribution : null,
                DistributionPaths = invalidate ? ["/*"] : null,
            });

        var framework = Files.Framework;
        List<BucketDeployment> app =
        [
            Deploy("Pages",
                Source.Asset(Files.Folder, new AssetOptions { Exclude = [StorefrontFiles.FrameworkFolder, "*.br", "*.gz"] }),
                PageCacheControl,
                exclude: [StorefrontFiles.FrameworkFolder + "/*", ConfigFile]),
        ];
        if (framework is not null)
        {
            // One asset, three passes: the plain files, then each compressed copy with its Content-Encoding. S3 takes the
            // Content-Type from the name without .br or .gz (Python's mimetypes, in the AWS CLI: application/wasm for .wasm).
            // No pruning: the names are content hashes, and a page loaded before this deployment may still fetch the old ones.
            var prefix = StorefrontFiles.FrameworkFolder + "/";
            app.Add(Deploy("Framework", Source.Asset(framework), FrameworkCacheControl, prefix, exclude: ["*.br", "*.gz"], prune: false));
            app.Add(Deploy("FrameworkBrotli", Source.Asset(framework), FrameworkCacheControl, prefix, exclude: ["*"], include: ["*.br"], encoding: "br", prune: false));
            app.Add(Deploy("FrameworkGzip", Source.Asset(framework), FrameworkCacheControl, prefix, exclude: ["*"], include: ["*.gz"], encoding: "gzip", prune: false));
        }

        var settings = new Dictionary<string, object>
        {
            // The app reads the OpenID configuration from <authority>/.well-known/openid-configuration.
            ["authority"] = identity.Issuer,
            ["clientId"] = identity.Client.UserPoolClientId,
            ["scope"] = Scope,
            // Cognito's discovery document names no end_session_endpoint: sign-out goes to <hostedUiUrl>/logout.
            ["hostedUiUrl"] = identity.Domain.BaseUrl(),
        };
        if (_stripePublishableKey is not null)
        {
            // Stripe.js's Payment Element takes the card in Stripe's frame; the shop gets a payment method's id.
            settings["paymentProvider"] = new Dictionary<string, object> { ["publishableKey"] = _stripePublishableKey, ["stripeJs"] = true };
        }

        var config = Deploy("Config",
            Source.JsonData(ConfigFile, settings),
            ConfigCacheControl,
            prune: false,
            invalidate: true);
        foreach (var files in app)
        {
            config.Node.AddDependency(files);
        }
    }
}
