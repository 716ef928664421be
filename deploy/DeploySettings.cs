using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Deploy;

/// <summary>What may differ between two deployments, read from CDK context (<c>cdk.json</c> or <c>-c key=value</c>).</summary>
public sealed partial record DeploySettings(
    string Stage,
    Architecture Architecture,
    int MemorySize,
    RetentionDays LogRetention,
    IReadOnlyList<string> CorsAllowedOrigins,
    string? AlarmEmail,
    PrebuiltImages Images,
    IReadOnlyList<string> AuthCallbackUrls,
    IReadOnlyList<string> AuthLogoutUrls,
    string StorefrontPath,
    int OrderExpirySeconds,
    string StripeSecretKeyParameter,
    int? OrderTableIndexes = null,
    CognitoEmail? CognitoEmail = null,
    string? StripePublishableKey = null)
{
    public const string StageKey = "stage";
    public const string ArchitectureKey = "architecture";
    public const string MemorySizeKey = "memorySize";
    public const string LogRetentionDaysKey = "logRetentionDays";
    public const string CorsAllowedOriginsKey = "corsAllowedOrigins";
    public const string AlarmEmailKey = "alarmEmail";
    public const string ProductImageKey = "productImage";
    public const string BasketImageKey = "basketImage";
    public const string OrderingImageKey = "orderingImage";
    public const string InventoryImageKey = "inventoryImage";
    public const string PaymentImageKey = "paymentImage";
    public const string AuthCallbackUrlsKey = "authCallbackUrls";
    public const string AuthLogoutUrlsKey = "authLogoutUrls";
    public const string StorefrontPathKey = "storefrontPath";
    public const string OrderExpirySecondsKey = "orderExpirySeconds";
    public const string StripeSecretKeyParameterKey = "stripeSecretKeyParameter";
    public const string OrderTableIndexesKey = "orderTableIndexes";
    public const string CognitoEmailFromKey = "cognitoEmailFrom";
    public const string CognitoEmailDomainKey = "cognitoEmailDomain";
    public const string StripePublishableKeyKey = "stripePublishableKey";

    public const string DefaultStage = "dev";
    public const string ProductionStage = "prod";
    public const int DefaultMemorySize = 512;
    public const int DefaultLogRetentionDays = 14;

    /// <summary>An order not Confirmed this long after checkout is cancelled as Expired: the contract's 15 minutes, SQS's longest delivery delay.</summary>
    public const int DefaultOrderExpirySeconds = 900;

    /// <summary>Where <c>dotnet publish web/Storefront -c Release -o artifacts/publish/storefront</c> leaves the app, from the repository root.</summary>
    public const string DefaultStorefrontPath = "artifacts/publish/storefront/wwwroot";

    public bool IsProduction => Stage == ProductionStage;

    /// <summary>Production data outlives the stack; any other stage is torn down with it.</summary>
    public RemovalPolicy RemovalPolicy => IsProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    /// <summary>The CloudFormation stack name: one stack per stage, so stages can share an account.</summary>
    public string StackName => "Ecommerce-" + Stage;

    public static DeploySettings FromContext(Node node)
    {
        var stage = Text(node, StageKey) ?? DefaultStage;
        if (stage.Length is 0 or > 20 || !stage.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Context '{StageKey}' must be 1-20 characters of a-z, 0-9 and '-', not '{stage}'.");
        }

        var architecture = ParseArchitecture(Text(node, ArchitectureKey) ?? "x86_64");
        return new DeploySettings(
            stage,
            architecture,
            // Lambda's own bounds for a function's memory.
            ParseWhole(MemorySizeKey, Text(node, MemorySizeKey), 128, 10240, " of MB") ?? DefaultMemorySize,
            ParseRetention(Text(node, LogRetentionDaysKey)),
            List(node, CorsAllowedOriginsKey),
            ParseEmail(AlarmEmailKey, Text(node, AlarmEmailKey)),
            new PrebuiltImages(
                ParseImage(ProductImageKey, Text(node, ProductImageKey), architecture),
                ParseImage(BasketImageKey, Text(node, BasketImageKey), architecture),
                ParseImage(OrderingImageKey, Text(node, OrderingImageKey), architecture),
                ParseImage(InventoryImageKey, Text(node, InventoryImageKey), architecture),
                ParseImage(PaymentImageKey, Text(node, PaymentImageKey), architecture)),
            ParseRedirectUrls(AuthCallbackUrlsKey, List(node, AuthCallbackUrlsKey)),
            ParseRedirectUrls(AuthLogoutUrlsKey, List(node, AuthLogoutUrlsKey)),
            Text(node, StorefrontPathKey) ?? DefaultStorefrontPath,
            // SQS delays a message at most 15 minutes, and the expiry is the expiry queue's delivery delay.
            ParseWhole(OrderExpirySecondsKey, Text(node, OrderExpirySecondsKey), 1, 900, " of seconds") ?? DefaultOrderExpirySeconds,
            ParseParameterName(Text(node, StripeSecretKeyParameterKey)),
            // CloudFormation adds one index to an existing table per update: a stack deployed before the order table had
            // its indexes takes them over two deploys, the first with one (deploy/README.md).
            ParseWhole(OrderTableIndexesKey, Text(node, OrderTableIndexesKey), 0, ResourceDefinitions.OrderTable.GlobalSecondaryIndexes.Count),
            ParseCognitoEmail(stage, Text(node, CognitoEmailFromKey), Text(node, CognitoEmailDomainKey)),
            ParsePublishableKey(Text(node, StripePublishableKeyKey)));
    }

    // Cognito's own mail stops at its daily cap: prod sends through SES, from an address (or domain) verified there.
    private static CognitoEmail? ParseCognitoEmail(string stage, string? from, string? domain)
    {
        if (from is null)
        {
            return stage == ProductionStage
                ? throw new ArgumentException($"Context '{CognitoEmailFromKey}' must name the address Cognito mails from through SES in stage '{ProductionStage}', verified in SES in the stack's region (deploy/README.md, \"Identity\").")
                : domain is null ? null : throw new ArgumentException($"Context '{CognitoEmailDomainKey}' needs '{CognitoEmailFromKey}', the address at that domain.");
        }

        var address = ParseEmail(CognitoEmailFromKey, from)!;
        if (domain is not null && !address.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Context '{CognitoEmailFromKey}' must be an address at '{domain}' ('{CognitoEmailDomainKey}'), the identity SES sends it as, not '{from}'.");
        }

        return new CognitoEmail(address, domain);
    }

    // A publishable key only makes payment methods, so it may be in the storefront's config.json; a secret key may not.
    private static string? ParsePublishableKey(string? value) =>
        value is null || PublishableKey().IsMatch(value)
            ? value
            : throw new ArgumentException($"Context '{StripePublishableKeyKey}' must be a Stripe publishable key (pk_test_… or pk_live_…), never a secret key.");

    [GeneratedRegex(@"^pk_(test|live)_[A-Za-z0-9]{1,255}$")]
    private static partial Regex PublishableKey();

    private static int? ParseWhole(string key, string? value, int least, int most, string unit = "")
    {
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= least && number <= most
            ? number
            : throw new ArgumentException($"Context '{key}' must be a whole number{unit} from {least} to {most}, not '{value}'.");
    }

    // Parameter Store's own rules for a name: letters, digits and . - _ /, a path of at most 15 levels, no aws or ssm prefix.
    private static string ParseParameterName(string? value)
    {
        var name = value ?? ResourceDefinitions.StripeSecretKeyParameter.DefaultName;
        var valid = ParameterName().IsMatch(name)
            && !name.TrimStart('/').StartsWith("aws", StringComparison.OrdinalIgnoreCase)
            && !name.TrimStart('/').StartsWith("ssm", StringComparison.OrdinalIgnoreCase)
            && name.Count(c => c == '/') <= 15;
        return valid
            ? name
            : throw new ArgumentException($"Context '{StripeSecretKeyParameterKey}' must be a Parameter Store name such as /ecommerce/stripe/secret-key, not '{value}'.");
    }

    [GeneratedRegex(@"^/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")]
    private static partial Regex ParameterName();

    private static Architecture ParseArchitecture(string value) => value.ToUpperInvariant() switch
    {
        "X86_64" or "X64" or "AMD64" => Architecture.X86_64,
        "ARM64" => Architecture.ARM_64,
        _ => throw new ArgumentException($"Context '{ArchitectureKey}' must be x86_64 or arm64, not '{value}'."),
    };

    // Cognito takes only absolute https URLs, or http on localhost, and no fragment.
    private static string[] ParseRedirectUrls(string key, string[] urls)
    {
        foreach (var url in urls)
        {
            var valid = Uri.TryCreate(url, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.Host == "localhost"))
                && uri.Fragment.Length == 0;
            if (!valid)
            {
                throw new ArgumentException($"Context '{key}' must list absolute https URLs (http only on localhost), without a #fragment, not '{url}'.");
            }
        }

        return urls;
    }

    // Lambda runs images from a private ECR repository only, by tag or by digest.
    private static string? ParseImage(string key, string? value, Architecture architecture)
    {
        if (value is null)
        {
            return null;
        }

        var image = EcrImageUri().Match(value);
        if (!image.Success)
        {
            throw new ArgumentException($"Context '{key}' must be an ECR image URI, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>, not '{value}'.");
        }

        // build/push.sh ends each tag with the CPU it built for; an image for the other CPU cannot start.
        var builtFor = image.Groups["arch"].Value;
        var runsOn = architecture.Name == Architecture.ARM_64.Name ? "arm64" : "x64";
        return builtFor.Length == 0 || builtFor == runsOn
            ? value
            : throw new ArgumentException($"Context '{key}' names an image built for {builtFor}, but '{ArchitectureKey}' is {architecture.Name}.");
    }

    [GeneratedRegex(@"^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}?(-(?<arch>x64|arm64))?|@sha256:[0-9a-f]{64})$")]
    private static partial Regex EcrImageUri();

    // Enough to catch a slip (a name, a list); SNS mails the address a confirmation link, which is the real test.
    private static string? ParseEmail(string key, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 1 && !value.Any(c => char.IsWhiteSpace(c) || c == ',')
            ? value
            : throw new ArgumentException($"Context '{key}' must be one e-mail address, not '{value}'.");
    }

    private static RetentionDays ParseRetention(string? value)
    {
        var days = value is null ? DefaultLogRetentionDays : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        return days switch
        {
            1 => RetentionDays.ONE_DAY,
            3 => RetentionDays.THREE_DAYS,
            5 => RetentionDays.FIVE_DAYS,
            7 => RetentionDays.ONE_WEEK,
            14 => RetentionDays.TWO_WEEKS,
            30 => RetentionDays.ONE_MONTH,
            60 => RetentionDays.TWO_MONTHS,
            90 => RetentionDays.THREE_MONTHS,
            180 => RetentionDays.SIX_MONTHS,
            365 => RetentionDays.ONE_YEAR,
            _ => throw new ArgumentException($"Context '{LogRetentionDaysKey}' must be one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365, not '{value}'."),
        };
    }

    // From cdk.json a value keeps its JSON type; from "-c key=value" it is always a string.
    private static string? Text(Node node, string key) => node.TryGetContext(key) switch
    {
        null => null,
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s => s.Trim(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private static string[] List(Node node, string key)
    {
        IEnumerable<string?> items = node.TryGetContext(key) switch
        {
            null => [],
            string s => s.Split(','),
            IEnumerable e => e.Cast<object?>().Select(item => item?.ToString()),
            var other => [other.ToString()],
        };
        return [.. items.Select(item => item?.Trim()).Where(item => !string.IsNullOrEmpty(item)).Select(item => item!)];
    }
}

/// <summary>
/// Where Cognito's verification and reset mails come from in SES: <paramref name="From"/>, verified itself, or at
/// <paramref name="Domain"/>, a verified domain identity.
/// </summary>
public sealed record CognitoEmail(string From, string? Domain);

/// <summary>Images built and pushed beforehand (build/push.sh), by service; null where the CDK builds the image itself.</summary>
public sealed record PrebuiltImages(string? Product, string? Basket, string? Ordering, string? Inventory, string? Payment);
