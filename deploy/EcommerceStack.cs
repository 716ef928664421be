using Amazon.CDK;
using Constructs;
using Ecommerce.Deploy.Constructs;

namespace Ecommerce.Deploy;

/// <summary>The whole system in one stack, built from the same parts the architecture names.</summary>
public sealed class EcommerceStack : Stack
{
    public DataTables Data { get; }
    public CheckoutMessaging Messaging { get; }
    public CatalogueMessaging Catalogue { get; }
    public SagaMessaging Saga { get; }
    public Identity Identity { get; }
    public ServiceFunctions Functions { get; }
    public PublicApi Api { get; }
    public Storefront Storefront { get; }
    public FlowMetrics Metrics { get; }
    public Alarms Alarms { get; }
    public OperationsDashboard Dashboard { get; }

    public EcommerceStack(Construct scope, DeploySettings settings, string repositoryRoot)
        : base(scope, settings.StackName, new StackProps
        {
            Description = "Serverless event-driven shop: Product, Basket, Ordering, Inventory, Payment (stage " + settings.Stage + ")",
        })
    {
        var consumerTimeout = Duration.Seconds(ServiceFunctions.ConsumerTimeoutSeconds);
        Data = new DataTables(this, "Data", settings);
        Messaging = new CheckoutMessaging(this, "Messaging", settings, consumerTimeout);
        Catalogue = new CatalogueMessaging(this, "Catalogue", settings, Messaging.Bus, consumerTimeout);
        Saga = new SagaMessaging(this, "Saga", settings, Messaging.Bus, consumerTimeout);
        Api = new PublicApi(this, "Api", settings);
        Identity = new Identity(this, "Identity", settings, repositoryRoot);
        Storefront = new Storefront(this, "Storefront", settings, Api, Identity, StorefrontFiles.Find(settings.StorefrontPath, repositoryRoot), repositoryRoot);
        Identity.AddWebClient(settings,
            callbackUrls: [.. Api.SwaggerRedirectUrls, .. Storefront.SwaggerRedirectUrls, Storefront.SignInCallbackUrl],
            logoutUrls: [Storefront.SignOutCallbackUrl]);
        Functions = new ServiceFunctions(this, "Functions", settings, repositoryRoot, Data, Messaging, Catalogue, Saga, Identity);
        Api.AddRoutes(Functions, Identity);
        Storefront.Publish(Identity);
        Metrics = new FlowMetrics(this, "Metrics", settings, Functions);
        Alarms = new Alarms(this, "Alarms", settings, Metrics, Messaging, Catalogue, Saga, Functions, Api);
        Dashboard = new OperationsDashboard(this, "Dashboard", settings, Metrics, Alarms, Messaging, Catalogue, Saga, Functions, Api);

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps
        {
            Description = "Base URL of the HTTP API, for example <ApiUrl>product",
            Value = Api.HttpApi.Url ?? Api.HttpApi.ApiEndpoint,
        });

        _ = new CfnOutput(this, "StorefrontUrl", new CfnOutputProps
        {
            Description = "The shop in a browser; the API answers under the same address, for example <StorefrontUrl>/product",
            Value = Storefront.Url + "/",
        });

        _ = new CfnOutput(this, "DashboardUrl", new CfnOutputProps
        {
            Description = "The CloudWatch dashboard of the flow from checkout to order",
            Value = $"https://{Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region={Aws.REGION}#dashboards/dashboard/{Dashboard.Dashboard.DashboardName}",
        });

        // What a browser app, Swagger UI or the command line needs to sign a user in (deploy/README.md).
        _ = new CfnOutput(this, "UserPoolId", new CfnOutputProps { Value = Identity.UserPool.UserPoolId });
        _ = new CfnOutput(this, "UserPoolClientId", new CfnOutputProps { Value = Identity.Client.UserPoolClientId });
        _ = new CfnOutput(this, "Issuer", new CfnOutputProps { Value = Identity.Issuer });
        _ = new CfnOutput(this, "HostedUiUrl", new CfnOutputProps { Value = Identity.Domain.BaseUrl() });

        // The runbook's redrive commands start from these (docs/operations.md).
        _ = new CfnOutput(this, "OrderQueueArn", new CfnOutputProps { Value = Messaging.OrderQueue.QueueArn });
        _ = new CfnOutput(this, "OrderDeadLetterQueueArn", new CfnOutputProps { Value = Messaging.DeadLetterQueue.QueueArn });
        _ = new CfnOutput(this, "CheckoutRuleDeadLetterQueueArn", new CfnOutputProps { Value = Messaging.RuleDeadLetterQueue.QueueArn });
        _ = new CfnOutput(this, "BasketCatalogueQueueArn", new CfnOutputProps { Value = Catalogue.BasketCatalogueQueue.QueueArn });
        _ = new CfnOutput(this, "BasketCatalogueDeadLetterQueueArn", new CfnOutputProps { Value = Catalogue.DeadLetterQueue.QueueArn });
        _ = new CfnOutput(this, "ProductChangedRuleDeadLetterQueueArn", new CfnOutputProps { Value = Catalogue.RuleDeadLetterQueue.QueueArn });
        _ = new CfnOutput(this, "ProductStreamDeadLetterQueueArn", new CfnOutputProps { Value = Catalogue.StreamDeadLetterQueue.QueueArn });
        _ = new CfnOutput(this, "ProductStreamArn", new CfnOutputProps { Value = Data.Products.TableStreamArn! });
        foreach (var flow in Saga.Flows)
        {
            var name = flow.Queue.Node.Id;
            _ = new CfnOutput(this, name + "Arn", new CfnOutputProps { Value = flow.Queue.QueueArn });
            _ = new CfnOutput(this, name + "DeadLetterQueueArn", new CfnOutputProps { Value = flow.DeadLetterQueue.QueueArn });
            _ = new CfnOutput(this, flow.Rule.Node.Id + "DeadLetterQueueArn", new CfnOutputProps { Value = flow.RuleDeadLetterQueue.QueueArn });
        }

        _ = new CfnOutput(this, "OrderStreamDeadLetterQueueArn", new CfnOutputProps { Value = Saga.OrderStreamDeadLetterQueue.QueueArn });
        _ = new CfnOutput(this, "OrderStreamArn", new CfnOutputProps { Value = Data.Orders.TableStreamArn! });
        _ = new CfnOutput(this, "StripeSecretKeyParameter", new CfnOutputProps
        {
            Description = "The SecureString parameter Payment reads the provider's secret key from; put the key there (deploy/README.md)",
            Value = settings.StripeSecretKeyParameter,
        });

        _ = new CfnOutput(this, "AlarmTopicArn", new CfnOutputProps
        {
            Description = "The SNS topic every alarm notifies; subscribe more endpoints to it as you need",
            Value = Alarms.Topic.TopicArn,
        });
    }
}
