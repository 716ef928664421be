using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Deploy.Tests;

public sealed class DeploySettingsTests
{
    [Fact]
    public void Without_context_the_settings_are_the_documented_defaults()
    {
        var settings = Read(new Dictionary<string, object>());

        Assert.Equal("dev", settings.Stage);
        Assert.Equal(Architecture.X86_64.Name, settings.Architecture.Name);
        Assert.Equal(512, settings.MemorySize);
        Assert.Equal(RetentionDays.TWO_WEEKS, settings.LogRetention);
        Assert.Empty(settings.CorsAllowedOrigins);
        Assert.Null(settings.AlarmEmail);
        Assert.Empty(settings.AuthCallbackUrls);
        Assert.Empty(settings.AuthLogoutUrls);
        Assert.Equal(DeploySettings.DefaultStorefrontPath, settings.StorefrontPath);
        Assert.Equal("artifacts/publish/storefront/wwwroot", DeploySettings.DefaultStorefrontPath);
        Assert.Equal(900, settings.OrderExpirySeconds);
        Assert.Equal(ResourceDefinitions.StripeSecretKeyParameter.DefaultName, settings.StripeSecretKeyParameter);
        Assert.Equal(RemovalPolicy.DESTROY, settings.RemovalPolicy);
        Assert.Equal("Ecommerce-dev", settings.StackName);
    }

    [Fact]
    public void Cdk_json_context_says_what_the_code_defaults_to()
    {
        using var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "deploy", "cdk.json")));
        var context = cdkJson.RootElement.GetProperty("context");

        Assert.Equal(DeploySettings.DefaultStage, context.GetProperty(DeploySettings.StageKey).GetString());
        Assert.Equal("x86_64", context.GetProperty(DeploySettings.ArchitectureKey).GetString());
        Assert.Equal(DeploySettings.DefaultMemorySize, context.GetProperty(DeploySettings.MemorySizeKey).GetInt32());
        Assert.Equal(DeploySettings.DefaultLogRetentionDays, context.GetProperty(DeploySettings.LogRetentionDaysKey).GetInt32());
        Assert.Equal(0, context.GetProperty(DeploySettings.CorsAllowedOriginsKey).GetArrayLength());
        Assert.Equal(DeploySettings.DefaultStorefrontPath, context.GetProperty(DeploySettings.StorefrontPathKey).GetString());
        Assert.Equal(DeploySettings.DefaultOrderExpirySeconds, context.GetProperty(DeploySettings.OrderExpirySecondsKey).GetInt32());
        Assert.Equal(ResourceDefinitions.StripeSecretKeyParameter.DefaultName, context.GetProperty(DeploySettings.StripeSecretKeyParameterKey).GetString());
    }

    [Fact]
    public void Only_the_prod_stage_retains_data()
    {
        Assert.Equal(RemovalPolicy.RETAIN, Read(new() { ["stage"] = "prod", ["cognitoEmailFrom"] = "no-reply@shop.example.com" }).RemovalPolicy);
        Assert.Equal(RemovalPolicy.DESTROY, Read(new() { ["stage"] = "staging" }).RemovalPolicy);
    }

    [Fact]
    public void Origins_may_come_as_a_comma_separated_string_from_the_command_line()
    {
        var settings = Read(new() { ["corsAllowedOrigins"] = "https://a.example, https://b.example" });
        Assert.Equal(["https://a.example", "https://b.example"], settings.CorsAllowedOrigins);
    }

    [Theory]
    [InlineData("stage", "Prod")]
    [InlineData("stage", "dev_1")]
    [InlineData("architecture", "sparc")]
    [InlineData("memorySize", "64")]
    [InlineData("memorySize", "lots")]
    [InlineData("logRetentionDays", "10")]
    [InlineData("productImage", "ecommerce/product:latest")]
    [InlineData("productImage", "docker.io/library/product:1")]
    [InlineData("basketImage", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecommerce/basket")]
    [InlineData("orderingImage", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecommerce/ordering@sha256:abc")]
    [InlineData("authCallbackUrls", "http://shop.example.com/callback")]
    [InlineData("authCallbackUrls", "https://shop.example.com/#/callback")]
    [InlineData("authCallbackUrls", "/callback")]
    [InlineData("authLogoutUrls", "https://shop.example.com/,ftp://shop.example.com/")]
    [InlineData("alarmEmail", "ops")]
    [InlineData("alarmEmail", "ops@")]
    [InlineData("alarmEmail", "a@example.com,b@example.com")]
    [InlineData("inventoryImage", "inventory:latest")]
    [InlineData("paymentImage", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecommerce/payment")]
    [InlineData("orderExpirySeconds", "0")]
    [InlineData("orderTableIndexes", "3")]
    [InlineData("orderTableIndexes", "-1")]
    [InlineData("orderExpirySeconds", "901")]
    [InlineData("orderExpirySeconds", "15m")]
    [InlineData("stripeSecretKeyParameter", "stripe key")]
    [InlineData("stripeSecretKeyParameter", "/aws/stripe")]
    [InlineData("stripeSecretKeyParameter", "/ecommerce//stripe")]
    public void A_bad_context_value_is_refused_with_its_key_named(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Read(new() { [key] = value }));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_in_may_return_to_https_pages_and_to_http_only_on_localhost()
    {
        var settings = Read(new() { ["authCallbackUrls"] = "https://shop.example.com/callback, http://localhost:5173/callback" });
        Assert.Equal(["https://shop.example.com/callback", "http://localhost:5173/callback"], settings.AuthCallbackUrls);
    }

    [Fact]
    public void An_image_pushed_for_one_cpu_is_refused_for_functions_on_the_other()
    {
        const string x64Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecommerce/product:0123456789ab-x64";

        Assert.Equal(x64Image, Read(new() { ["productImage"] = x64Image }).Images.Product);
        var error = Assert.Throws<ArgumentException>(() => Read(new() { ["productImage"] = x64Image, ["architecture"] = "arm64" }));
        Assert.Contains("productImage", error.Message, StringComparison.Ordinal);
        Assert.Contains("x64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_image_uris_the_toolkit_builds_every_image()
    {
        Assert.Equal(new PrebuiltImages(null, null, null, null, null), Read([]).Images);
    }

    [Fact]
    public void The_order_expiry_may_be_any_whole_second_up_to_SQS_s_longest_delivery_delay()
    {
        Assert.Equal(1, Read(new() { ["orderExpirySeconds"] = "1" }).OrderExpirySeconds);
        Assert.Equal(900, Read(new() { ["orderExpirySeconds"] = 900 }).OrderExpirySeconds);
    }

    [Fact]
    public void The_stripe_key_parameter_may_be_named_with_or_without_a_leading_slash()
    {
        Assert.Equal("/shop/prod/stripe-key", Read(new() { ["stripeSecretKeyParameter"] = "/shop/prod/stripe-key" }).StripeSecretKeyParameter);
        Assert.Equal("stripe_key.v2", Read(new() { ["stripeSecretKeyParameter"] = "stripe_key.v2" }).StripeSecretKeyParameter);
    }

    [Fact]
    public void The_storefront_is_given_a_stripe_publishable_key_and_never_a_secret_one()
    {
        Assert.Null(Read([]).StripePublishableKey);
        Assert.Equal("pk_test_51Abc", Read(new() { ["stripePublishableKey"] = "pk_test_51Abc" }).StripePublishableKey);
        var refused = Assert.Throws<ArgumentException>(() => Read(new() { ["stripePublishableKey"] = "sk_test_51Abc" }));
        Assert.DoesNotContain("sk_test_51Abc", refused.Message, StringComparison.Ordinal);
    }

    private static DeploySettings Read(Dictionary<string, object> context) =>
        DeploySettings.FromContext(new App(new AppProps { Context = context }).Node);
}
