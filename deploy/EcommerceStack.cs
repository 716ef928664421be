using Amazon.CDK;
using Constructs;
using Ecommerce.Deploy.Constructs;

namespace Ecommerce.Deploy;

/// <summary>The whole system in one stack, built from the same parts the architecture names.</summary>
public sealed class EcommerceStack : Stack
{
    public DataTables Data { get; }
    public CheckoutMessaging Messaging { get; }
    public ServiceFunctions Functions { get; }
    public PublicApi Api { get; }

    public EcommerceStack(Construct scope, DeploySettings settings, string repositoryRoot)
        : base(scope, settings.StackName, new StackProps
        {
            Description = "Serverless event-driven shop: Product, Basket, Ordering (stage " + settings.Stage + ")",
        })
    {
        Data = new DataTables(this, "Data", settings);
        Messaging = new CheckoutMessaging(this, "Messaging", settings, Duration.Seconds(ServiceFunctions.ConsumerTimeoutSeconds));
        Functions = new ServiceFunctions(this, "Functions", settings, repositoryRoot, Data, Messaging);
        Api = new PublicApi(this, "Api", settings, Functions);

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps
        {
            Description = "Base URL of the HTTP API, for example <ApiUrl>product",
            Value = Api.HttpApi.Url ?? Api.HttpApi.ApiEndpoint,
        });
    }
}
