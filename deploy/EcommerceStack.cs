using Amazon.CDK;
using Constructs;
using Ecommerce.Deploy.Constructs;

namespace Ecommerce.Deploy;

/// <summary>The whole system in one stack, built from the same parts the architecture names.</summary>
public sealed class EcommerceStack : Stack
{
    public EcommerceStack(Construct scope, DeploySettings settings, string repositoryRoot)
        : base(scope, settings.StackName, new StackProps
        {
            Description = "Serverless event-driven shop: Product, Basket, Ordering (stage " + settings.Stage + ")",
        })
    {
        var data = new DataTables(this, "Data", settings);
        var messaging = new CheckoutMessaging(this, "Messaging", settings, Duration.Seconds(ServiceFunctions.ConsumerTimeoutSeconds));
        var functions = new ServiceFunctions(this, "Functions", settings, repositoryRoot, data, messaging);
        var api = new PublicApi(this, "Api", settings, functions);

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps
        {
            Description = "Base URL of the HTTP API, for example <ApiUrl>product",
            Value = api.Api.Url ?? api.Api.ApiEndpoint,
        });
    }
}
