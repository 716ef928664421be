using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ecommerce.Edge;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class SecurityHeadersTests(SynthesizedStacks stacks)
{
    /// <summary>CloudFront's limit on a Content-Security-Policy in a response headers policy.</summary>
    private const int CloudFrontPolicyLimit = 1783;

    [Fact]
    public void Every_behaviour_sends_security_headers_the_storefront_its_pages_policy_and_the_api_paths_theirs()
    {
        foreach (var stack in new[] { stacks.Dev, stacks.Prod, stacks.Prebuilt })
        {
            var distribution = stack.Properties(stack.Stack.Storefront.Distribution).GetProperty("DistributionConfig");
            var pages = Intrinsics.Ref(stack.LogicalId(stack.Stack.Storefront.PageHeaders));
            var api = Intrinsics.Ref(stack.LogicalId(stack.Stack.Storefront.ApiHeaders));

            Intrinsics.AssertIs(pages, distribution.GetProperty("DefaultCacheBehavior").GetProperty("ResponseHeadersPolicyId"));
            var behaviors = distribution.GetProperty("CacheBehaviors").EnumerateArray().ToList();
            Assert.Equal(10, behaviors.Count);
            Assert.All(behaviors, behavior => Intrinsics.AssertIs(api, behavior.GetProperty("ResponseHeadersPolicyId")));
        }
    }

    [Fact]
    public void Both_policies_forbid_framing_and_sniffing_keep_paths_from_other_origins_and_pin_https_for_two_years()
    {
        foreach (var policy in new[] { stacks.Dev.Stack.Storefront.PageHeaders, stacks.Dev.Stack.Storefront.ApiHeaders })
        {
            var headers = Config(stacks.Dev, policy).GetProperty("SecurityHeadersConfig");

            Assert.True(headers.GetProperty("ContentTypeOptions").GetProperty("Override").GetBoolean());
            Assert.Equal("DENY", headers.GetProperty("FrameOptions").GetProperty("FrameOption").GetString());
            Assert.Equal("strict-origin-when-cross-origin", headers.GetProperty("ReferrerPolicy").GetProperty("ReferrerPolicy").GetString());
            var hsts = headers.GetProperty("StrictTransportSecurity");
            Assert.Equal(63_072_000, hsts.GetProperty("AccessControlMaxAgeSec").GetInt32());
            Assert.False(hsts.GetProperty("IncludeSubdomains").GetBoolean());
            // The origin's own headers never win: a service cannot loosen them.
            Assert.All(headers.EnumerateObject(), header => Assert.True(header.Value.GetProperty("Override").GetBoolean(), header.Name));
        }

        var apiPolicy = Config(stacks.Dev, stacks.Dev.Stack.Storefront.ApiHeaders).GetProperty("SecurityHeadersConfig").GetProperty("ContentSecurityPolicy");
        Assert.Equal("frame-ancestors 'none'", apiPolicy.GetProperty("ContentSecurityPolicy").GetString());
    }

    [Fact]
    public void The_pages_run_blazor_and_their_own_import_map_by_hash_load_only_stripe_js_from_elsewhere_and_sign_in_at_this_pools_cognito()
    {
        var stack = stacks.Prebuilt;
        var directives = Directives(ContentSecurityPolicy(stack));

        var importMapHash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(PublishedStorefrontFolder.ImportMap)))}'";
        Assert.Equal(["'self'", "'wasm-unsafe-eval'", importMapHash, "https://js.stripe.com"], directives["script-src"]);
        Assert.Equal(["https://js.stripe.com", "https://hooks.stripe.com"], directives["frame-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.True(directives.ContainsKey("upgrade-insecure-requests"));

        var connect = directives["connect-src"];
        Assert.Equal("'self'", connect[0]);
        Assert.Equal("""https://cognito-idp.{"Ref":"AWS::Region"}.{"Ref":"AWS::URLSuffix"}""", connect[1]);
        var hostedUi = Assert.Single(stack.Resources("AWS::Cognito::UserPoolDomain")).Id;
        Assert.Equal($$"""https://{"Ref":"{{hostedUi}}"}.auth.{"Ref":"AWS::Region"}.amazoncognito.com""", connect[2]);
        Assert.Equal("https://api.stripe.com", connect[3]);
        Assert.Equal(4, connect.Length);
    }

    [Fact]
    public void An_unpublished_storefront_has_no_inline_script_to_allow_and_the_policy_fits_cloudfronts_limit()
    {
        var directives = Directives(ContentSecurityPolicy(stacks.Prod));

        Assert.Equal(["'self'", "'wasm-unsafe-eval'", "https://js.stripe.com"], directives["script-src"]);
        Assert.All(new[] { stacks.Dev, stacks.Prod, stacks.Prebuilt }, stack =>
            Assert.InRange(ContentSecurityPolicy(stack).Length, 1, CloudFrontPolicyLimit));
        Assert.Equal(SecurityHeaders.PageContentSecurityPolicy([], ["a"], https: true).Split("; ").Select(d => d.Split(' ')[0]), directives.Keys);
    }

    private static JsonElement Config(SynthesizedStack stack, global::Constructs.IConstruct policy) =>
        stack.Properties(policy).GetProperty("ResponseHeadersPolicyConfig");

    /// <summary>The page policy's CSP, its CloudFormation references written in as their JSON.</summary>
    private static string ContentSecurityPolicy(SynthesizedStack stack)
    {
        var value = Config(stack, stack.Stack.Storefront.PageHeaders).GetProperty("SecurityHeadersConfig").GetProperty("ContentSecurityPolicy").GetProperty("ContentSecurityPolicy");
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Concat(value.GetProperty("Fn::Join")[1].EnumerateArray().Select(part => part.ValueKind == JsonValueKind.String ? part.GetString() : string.Concat(part.GetRawText().Where(c => !char.IsWhiteSpace(c)))));
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split("; ").Select(directive => directive.Split(' ')).ToDictionary(parts => parts[0], parts => parts[1..]);
}
