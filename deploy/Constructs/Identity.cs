using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// Who the users are: a Cognito user pool (sign-in with e-mail, an <c>admin</c> group), its Hosted UI
/// on a domain unique to the stack, and one public app client for browsers and Swagger UI
/// (authorization code with PKCE, no secret). The services and the API's JWT authorizer trust the
/// access tokens it issues.
/// </summary>
public sealed class Identity : Construct
{
    /// <summary>The group whose members own the catalogue and may list everyone's baskets and orders.</summary>
    public const string AdminGroup = "admin";

    public const int MinimumPasswordLength = 12;

    public UserPool UserPool { get; }
    public UserPoolDomain Domain { get; }

    /// <summary>
    /// Admin rights need a second factor (prod): the pool offers TOTP, its trigger marks the access token of an admin who
    /// has it, and the services refuse admin rights to a token without the mark (<c>Auth__AdminRequiresMfa</c>).
    /// </summary>
    public bool AdminRequiresMfa { get; }

    /// <summary>Marks an admin's access token when the admin signs in with TOTP (prod only).</summary>
    public Function? MfaMark { get; }

    /// <summary>The app client, added once the storefront's address is known (<see cref="AddWebClient"/>).</summary>
    public UserPoolClient Client => _client ?? throw new InvalidOperationException("The app client is added with AddWebClient, once the storefront exists.");

    private UserPoolClient? _client;

    /// <summary>The <c>iss</c> claim of the pool's tokens, <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>.</summary>
    public string Issuer => $"{IssuerOrigin}/{UserPool.UserPoolId}";

    /// <summary>Where a browser signing in fetches from: the issuer (discovery document, keys) and the Hosted UI (tokens).</summary>
    public IReadOnlyList<string> SignInOrigins => [IssuerOrigin, Domain.BaseUrl()];

    private static string IssuerOrigin => $"https://cognito-idp.{Aws.REGION}.{Aws.URL_SUFFIX}";

    /// <summary>The pool, its admin group and its Hosted UI domain; the app client follows in <see cref="AddWebClient"/>.</summary>
    public Identity(Construct scope, string id, DeploySettings settings, string repositoryRoot)
        : base(scope, id)
    {
        AdminRequiresMfa = settings.IsProduction;
        UserPool = new UserPool(this, "UserPool", new UserPoolProps
        {
            // Optional, so shoppers are never asked; a user who has enabled TOTP is asked for a code at every sign-in.
            Mfa = AdminRequiresMfa ? Mfa.OPTIONAL : Mfa.OFF,
            MfaSecondFactor = AdminRequiresMfa ? new MfaSecondFactor { Otp = true, Sms = false } : null,
            SelfSignUpEnabled = true,
            // A user picks a user name (the username claim, the name in /basket/{userName}) and signs in
            // with it or with the e-mail address, once Cognito has verified that address.
            SignInAliases = new SignInAliases { Username = true, Email = true },
            SignInCaseSensitive = false,
            AutoVerify = new AutoVerifiedAttrs { Email = true },
            StandardAttributes = new StandardAttributes { Email = new StandardAttribute { Required = true, Mutable = true } },
            // Twelve characters of four kinds: the Hosted UI tells a shopper the rule as they sign up.
            PasswordPolicy = new PasswordPolicy
            {
                MinLength = MinimumPasswordLength,
                RequireLowercase = true,
                RequireUppercase = true,
                RequireDigits = true,
                RequireSymbols = true,
            },
            AccountRecovery = AccountRecovery.EMAIL_ONLY,
            Email = UserPoolEmail.WithCognito(),
            DeletionProtection = settings.IsProduction,
            RemovalPolicy = settings.RemovalPolicy,
        });

        // Cognito's own mail stops at a small daily cap; a stage with an SES identity mails through it instead, in the
        // stack's region. (CDK's WithSES wants the region at synth; this stack learns it at deploy.)
        if (settings.CognitoEmail is { } email)
        {
            ((CfnUserPool)UserPool.Node.DefaultChild!).EmailConfiguration = new CfnUserPool.EmailConfigurationProperty
            {
                EmailSendingAccount = "DEVELOPER",
                From = email.From,
                SourceArn = $"arn:{Aws.PARTITION}:ses:{Aws.REGION}:{Aws.ACCOUNT_ID}:identity/{email.Domain ?? email.From}",
            };
        }

        if (AdminRequiresMfa)
        {
            MfaMark = AddMfaMark(settings, repositoryRoot);
        }

        _ = new CfnUserPoolGroup(this, "AdminGroup", new CfnUserPoolGroupProps
        {
            UserPoolId = UserPool.UserPoolId,
            GroupName = AdminGroup,
            Description = "Owns the catalogue and may list every basket and order.",
        });

        // Hosted UI domain prefixes are global to a region: the stage plus the tail of the stack's own id.
        Domain = UserPool.AddDomain("HostedUi", new UserPoolDomainOptions
        {
            CognitoDomain = new CognitoDomainOptions
            {
                DomainPrefix = $"ecommerce-{settings.Stage}-" + Fn.Select(4, Fn.Split("-", Fn.Select(2, Fn.Split("/", Aws.STACK_ID)))),
            },
        });
    }

    /// <summary>
    /// The pre token generation trigger (event version 2, which needs the Essentials plan): it reads the admin's MFA settings
    /// (AdminGetUser on this pool only) and adds the mark to the access token. Its policy is its own resource, which the
    /// function does not wait for: the pool names the function, and the policy names the pool.
    /// </summary>
    private Function AddMfaMark(DeploySettings settings, string repositoryRoot)
    {
        var logs = new LogGroup(this, "MfaMarkLogs", new LogGroupProps { Retention = settings.LogRetention, RemovalPolicy = settings.RemovalPolicy });
        var role = new Role(this, "MfaMarkRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "Marks an admin's access token when the admin signs in with TOTP",
        });
        logs.GrantWrite(role);
        var mark = new Function(this, "MfaMark", new FunctionProps
        {
            // The newest Node.js Lambda runs, which CDK 2.160 does not name yet.
            Runtime = new Runtime("nodejs24.x", RuntimeFamily.NODEJS, new LambdaRuntimeProps { SupportsInlineCode = true }),
            Handler = "index.handler",
            Code = Code.FromInline(File.ReadAllText(Path.Combine(repositoryRoot, "deploy", "identity", "pre-token-generation.js"))),
            Timeout = Duration.Seconds(5),
            MemorySize = 256,
            LogGroup = logs,
            Role = role,
        });
        _ = new Policy(this, "MfaMarkReadsUsers", new PolicyProps
        {
            Roles = [role],
            Statements = [new PolicyStatement(new PolicyStatementProps { Actions = ["cognito-idp:AdminGetUser"], Resources = [UserPool.UserPoolArn] })],
        });
        UserPool.AddTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, mark, LambdaVersion.V2_0);
        // Version 2 of the event, which reaches access tokens, needs the Essentials plan (CDK 2.160 has no property for it).
        ((CfnUserPool)UserPool.Node.DefaultChild!).AddPropertyOverride("UserPoolTier", "ESSENTIALS");
        return mark;
    }

    /// <summary>One public app client for browsers and Swagger UI (authorization code with PKCE, no secret).</summary>
    /// <param name="callbackUrls">Where the stack's own clients finish a sign-in: each Swagger UI's <c>oauth2-redirect.html</c>, the storefront's callback page.</param>
    /// <param name="logoutUrls">Where the stack's own clients land after signing out: the storefront's.</param>
    public void AddWebClient(DeploySettings settings, IEnumerable<string> callbackUrls, IEnumerable<string> logoutUrls) =>
        _client = UserPool.AddClient("WebClient", new UserPoolClientOptions
        {
            // Public: a browser cannot keep a secret, so the code flow is protected by PKCE instead.
            GenerateSecret = false,
            OAuth = new OAuthSettings
            {
                Flows = new OAuthFlows { AuthorizationCodeGrant = true },
                Scopes = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
                CallbackUrls = [.. settings.AuthCallbackUrls, .. callbackUrls],
                LogoutUrls = [.. settings.AuthLogoutUrls, .. logoutUrls],
            },
            // Besides the Hosted UI, tokens for the command line through AdminInitiateAuth, which needs AWS credentials.
            AuthFlows = new AuthFlow { AdminUserPassword = true },
            SupportedIdentityProviders = [UserPoolClientIdentityProvider.COGNITO],
            PreventUserExistenceErrors = true,
        });
}
