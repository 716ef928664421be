using System.Text.Json;
using Ecommerce.Deploy.Constructs;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class IdentityTests(SynthesizedStacks stacks)
{
    private SynthesizedStack Dev => stacks.Dev;

    [Fact]
    public void Shoppers_sign_themselves_up_and_sign_in_with_their_verified_email()
    {
        var pool = Dev.Properties(Dev.Stack.Identity.UserPool);

        Assert.False(pool.GetProperty("AdminCreateUserConfig").GetProperty("AllowAdminCreateUserOnly").GetBoolean());
        // A chosen user name (the username claim) and the e-mail address both sign in; the name is never a UUID.
        Assert.Equal(["email"], pool.Strings("AliasAttributes"));
        Assert.False(pool.TryGetProperty("UsernameAttributes", out _));
        Assert.Equal(["email"], pool.Strings("AutoVerifiedAttributes"));
        Assert.False(pool.GetProperty("UsernameConfiguration").GetProperty("CaseSensitive").GetBoolean());

        var passwords = pool.GetProperty("Policies").GetProperty("PasswordPolicy");
        Assert.Equal(12, passwords.GetProperty("MinimumLength").GetInt32());
        Assert.All(["RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols"], rule => Assert.True(passwords.GetProperty(rule).GetBoolean(), rule));
    }

    [Fact]
    public void Prod_mails_verification_and_reset_codes_through_ses_from_the_configured_identity_and_dev_through_cognito()
    {
        var prod = stacks.Prod.Properties(stacks.Prod.Stack.Identity.UserPool).GetProperty("EmailConfiguration");
        Assert.Equal("DEVELOPER", prod.GetProperty("EmailSendingAccount").GetString());
        Assert.Equal(SynthesizedStacks.ProductionEmailFrom, prod.GetProperty("From").GetString());
        // arn:<partition>:ses:<region>:<account>:identity/<the address>
        var identity = prod.GetProperty("SourceArn").GetProperty("Fn::Join")[1].EnumerateArray().ToList();
        Assert.Equal(":identity/" + SynthesizedStacks.ProductionEmailFrom, identity[^1].GetString());
        Assert.Contains(identity, part => part.GetRawText().Contains("AWS::Region", StringComparison.Ordinal));

        var dev = Dev.Properties(Dev.Stack.Identity.UserPool).GetProperty("EmailConfiguration");
        Assert.Equal("COGNITO_DEFAULT", dev.GetProperty("EmailSendingAccount").GetString());
    }

    [Fact]
    public void Prod_without_an_ses_identity_does_not_synthesize_and_a_domain_identity_sends_as_its_address()
    {
        var missing = Assert.Throws<ArgumentException>(() => Settings(new() { ["stage"] = "prod" }));
        Assert.Contains("cognitoEmailFrom", missing.Message, StringComparison.Ordinal);

        var domain = Settings(new() { ["stage"] = "prod", ["cognitoEmailFrom"] = "no-reply@shop.example.com", ["cognitoEmailDomain"] = "shop.example.com" });
        Assert.Equal(new CognitoEmail("no-reply@shop.example.com", "shop.example.com"), domain.CognitoEmail);
        Assert.Throws<ArgumentException>(() => Settings(new() { ["cognitoEmailFrom"] = "no-reply@elsewhere.example", ["cognitoEmailDomain"] = "shop.example.com" }));
        Assert.Throws<ArgumentException>(() => Settings(new() { ["cognitoEmailFrom"] = "not an address" }));
        Assert.Null(Settings(new()).CognitoEmail); // dev: Cognito's own mail
    }

    private static DeploySettings Settings(Dictionary<string, object> context) =>
        DeploySettings.FromContext(new Amazon.CDK.App(new Amazon.CDK.AppProps { Context = context }).Node);

    [Fact]
    public void Prod_offers_totp_only_and_marks_an_admin_s_access_token_who_has_it_and_the_services_require_the_mark()
    {
        var prod = stacks.Prod;
        var pool = prod.Properties(prod.Stack.Identity.UserPool);
        Assert.Equal("OPTIONAL", pool.GetProperty("MfaConfiguration").GetString()); // shoppers are never asked
        Assert.Equal(["SOFTWARE_TOKEN_MFA"], pool.Strings("EnabledMfas"));
        Assert.Equal("ESSENTIALS", pool.GetProperty("UserPoolTier").GetString());
        var trigger = pool.GetProperty("LambdaConfig").GetProperty("PreTokenGenerationConfig");
        Assert.Equal("V2_0", trigger.GetProperty("LambdaVersion").GetString());
        var mark = prod.LogicalId(prod.Stack.Identity.MfaMark!);
        AssertIs(GetArn(mark), trigger.GetProperty("LambdaArn"));

        // It reads users of this pool, nothing else.
        var role = prod.Properties(mark).GetProperty("Role").GetProperty("Fn::GetAtt")[0].GetString()!;
        var statements = prod.Resources("AWS::IAM::Policy")
            .Select(p => p.Resource.GetProperty("Properties"))
            .Where(p => p.GetProperty("Roles").EnumerateArray().Any(r => r.Is(Ref(role))))
            .SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            .Where(s => !s.GetProperty("Action").OneOrMany().All(a => a.GetString()!.StartsWith("logs:", StringComparison.Ordinal)))
            .ToList();
        var read = Assert.Single(statements);
        Assert.Equal("cognito-idp:AdminGetUser", read.GetProperty("Action").GetString());
        AssertIs(GetArn(prod.LogicalId(prod.Stack.Identity.UserPool)), read.GetProperty("Resource"));

        Assert.All(prod.Stack.Functions.All, function =>
            Assert.Equal("true", prod.Properties(function).GetProperty("Environment").GetProperty("Variables").GetProperty("Auth__AdminRequiresMfa").GetString()));
    }

    [Fact]
    public void Dev_signs_in_with_a_password_alone_and_its_services_take_the_admin_group_as_it_is()
    {
        var pool = Dev.Properties(Dev.Stack.Identity.UserPool);

        Assert.Equal("OFF", pool.GetProperty("MfaConfiguration").GetString());
        Assert.False(pool.TryGetProperty("LambdaConfig", out _));
        Assert.Null(Dev.Stack.Identity.MfaMark);
        Assert.All(Dev.Stack.Functions.All, function =>
            Assert.False(Dev.Properties(function).GetProperty("Environment").GetProperty("Variables").TryGetProperty("Auth__AdminRequiresMfa", out _)));
    }

    [Theory]
    [InlineData("admin", "SOFTWARE_TOKEN_MFA", true)]
    [InlineData("admin", "", false)]
    [InlineData("admin", "SMS_MFA", false)]
    [InlineData("", "SOFTWARE_TOKEN_MFA", false)]
    public async Task The_trigger_marks_the_access_token_of_an_admin_with_totp_and_no_one_else(string group, string mfaSetting, bool marked)
    {
        var script = $$"""
            const { addMfaClaim } = require('./identity/pre-token-generation.js');
            const event = { userPoolId: 'eu-west-1_Pool', userName: 'grace', request: { groupConfiguration: { groupsToOverride: {{(group.Length == 0 ? "[]" : $"['{group}']")}} } }, response: {} };
            let asked = 0;
            addMfaClaim(event, async (pool, user) => { asked++; return pool === 'eu-west-1_Pool' && user === 'grace' ? {{(mfaSetting.Length == 0 ? "[]" : $"['{mfaSetting}']")}} : []; })
              .then((result) => console.log(JSON.stringify({ asked, claims: result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride ?? null })));
            """;
        var start = new System.Diagnostics.ProcessStartInfo("node", ["-e", script])
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "deploy"),
            RedirectStandardOutput = true,
        };
        using var node = System.Diagnostics.Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();

        using var result = JsonDocument.Parse(output);
        var claims = result.RootElement.GetProperty("claims");
        Assert.Equal(marked, claims.ValueKind == JsonValueKind.Object && claims.GetProperty("ecommerce:mfa").GetString() == "totp");
        Assert.Equal(group.Length == 0 ? 0 : 1, result.RootElement.GetProperty("asked").GetInt32()); // shoppers cost no AdminGetUser
    }

    [Fact]
    public void There_is_an_admin_group()
    {
        var group = Assert.Single(Dev.Resources("AWS::Cognito::UserPoolGroup")).Resource.GetProperty("Properties");

        Assert.Equal("admin", group.GetProperty("GroupName").GetString());
        AssertIs(Ref(Dev.LogicalId(Dev.Stack.Identity.UserPool)), group.GetProperty("UserPoolId"));
    }

    [Fact]
    public void The_hosted_ui_domain_is_unique_to_the_stage_and_the_stack()
    {
        foreach (var stack in stacks.Both)
        {
            var domain = Assert.Single(stack.Resources("AWS::Cognito::UserPoolDomain")).Resource.GetProperty("Properties").GetProperty("Domain");
            var parts = domain.GetProperty("Fn::Join")[1];

            Assert.Equal($"ecommerce-{stack.Settings.Stage}-", parts[0].GetString());
            Assert.Contains("AWS::StackId", parts[1].GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_app_client_is_public_and_signs_in_with_the_authorization_code_flow_only()
    {
        var client = Dev.Properties(Dev.Stack.Identity.Client);

        Assert.False(client.GetProperty("GenerateSecret").GetBoolean());
        Assert.Equal(["code"], client.Strings("AllowedOAuthFlows"));
        Assert.Equal(["email", "openid", "profile"], client.Strings("AllowedOAuthScopes").Order());
        Assert.Equal(["COGNITO"], client.Strings("SupportedIdentityProviders"));
        // No flow that sends a password from a browser; the command line's AdminInitiateAuth needs AWS credentials.
        Assert.Equal(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], client.Strings("ExplicitAuthFlows").Order());
        Assert.Equal("ENABLED", client.GetProperty("PreventUserExistenceErrors").GetString());
    }

    [Fact]
    public void Sign_in_returns_to_each_service_s_swagger_ui_on_the_api_and_through_cloudfront_to_the_storefront_and_to_the_urls_from_context()
    {
        var api = Dev.LogicalId(Dev.Stack.Api.HttpApi);
        string SwaggerRedirect(string prefix) =>
            $$"""{"Fn::Join":["",[{"Fn::GetAtt":["{{api}}","ApiEndpoint"]},"/{{prefix}}/swagger/oauth2-redirect.html"]]}""";

        var devCallbacks = Dev.Properties(Dev.Stack.Identity.Client).GetProperty("CallbackURLs").EnumerateArray().ToList();
        Assert.Equal(11, devCallbacks.Count);
        foreach (var prefix in new[] { "product", "basket", "order", "inventory", "payment" })
        {
            Assert.Contains(devCallbacks, url => url.Is(SwaggerRedirect(prefix)));
            // The same Swagger UI opened through CloudFront, on the storefront's address.
            Assert.Contains(devCallbacks, url => url.Is(StorefrontUrl(Dev, $"/{prefix}/swagger/oauth2-redirect.html")));
        }

        Assert.Contains(devCallbacks, url => url.Is(StorefrontUrl(Dev, "/authentication/login-callback")));

        var prod = stacks.Prod.Properties(stacks.Prod.Stack.Identity.Client);
        var prodCallbacks = prod.GetProperty("CallbackURLs").EnumerateArray().ToList();
        Assert.Equal(SynthesizedStacks.ProductionCallbackUrls, prodCallbacks.Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()));
        Assert.Equal(13, prodCallbacks.Count);
    }

    [Fact]
    public void Sign_out_returns_to_the_storefront_and_to_the_urls_from_context()
    {
        var devLogouts = Dev.Properties(Dev.Stack.Identity.Client).GetProperty("LogoutURLs").EnumerateArray().ToList();
        AssertIs(StorefrontUrl(Dev, "/authentication/logout-callback"), Assert.Single(devLogouts));

        var prodLogouts = stacks.Prod.Properties(stacks.Prod.Stack.Identity.Client).GetProperty("LogoutURLs").EnumerateArray().ToList();
        Assert.Equal(SynthesizedStacks.ProductionLogoutUrls, prodLogouts.Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()));
        Assert.Contains(prodLogouts, url => url.Is(StorefrontUrl(stacks.Prod, "/authentication/logout-callback")));
        Assert.Equal(SynthesizedStacks.ProductionLogoutUrls.Length + 1, prodLogouts.Count);
    }

    [Fact]
    public void Every_function_is_told_the_issuer_and_the_client_id_it_accepts()
    {
        var issuer = Issuer();
        foreach (var function in Dev.Stack.Functions.All)
        {
            var environment = Dev.Properties(function).GetProperty("Environment").GetProperty("Variables");
            AssertIs(issuer, environment.GetProperty("Auth__Issuer"));
            AssertIs(Ref(Dev.LogicalId(Dev.Stack.Identity.Client)), environment.GetProperty("Auth__ClientIds"));
        }
    }

    [Fact]
    public void The_stack_outputs_what_a_client_needs_to_sign_in()
    {
        var outputs = Dev.Json.GetProperty("Outputs");

        AssertIs(Ref(Dev.LogicalId(Dev.Stack.Identity.UserPool)), outputs.GetProperty("UserPoolId").GetProperty("Value"));
        AssertIs(Ref(Dev.LogicalId(Dev.Stack.Identity.Client)), outputs.GetProperty("UserPoolClientId").GetProperty("Value"));
        AssertIs(Issuer(), outputs.GetProperty("Issuer").GetProperty("Value"));
        Assert.Contains(".amazoncognito.com", outputs.GetProperty("HostedUiUrl").GetProperty("Value").GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>https://{distribution domain}{path}: the storefront's page on CloudFront.</summary>
    private static string StorefrontUrl(SynthesizedStack stack, string path) =>
        $$"""{"Fn::Join":["",["https://",{"Fn::GetAtt":["{{stack.LogicalId(stack.Stack.Storefront.Distribution)}}","DomainName"]},"{{path}}"]]}""";

    /// <summary>https://cognito-idp.{region}.amazonaws.com/{poolId}, with the partition's own domain.</summary>
    private string Issuer() =>
        $$"""{"Fn::Join":["",["https://cognito-idp.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"},"/",{"Ref":"{{Dev.LogicalId(Dev.Stack.Identity.UserPool)}}"}]]}""";

}
