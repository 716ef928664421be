using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Ecommerce.Shared.EventBridge;

/// <summary>
/// AWSSDK.Core settings for EventBridge: region, endpoint, retries and timeouts work as for any SDK
/// client; signing is SigV4 for the service <c>events</c>.
/// </summary>
public sealed class EventBridgeClientConfig : ClientConfig
{
    public EventBridgeClientConfig()
        : base(new DefaultConfigurationProvider(Enum.GetValues<DefaultConfigurationMode>()
            .Select(mode => (IDefaultConfiguration)new DefaultConfiguration { Name = mode, RetryMode = RequestRetryMode.Standard })))
    {
        AuthenticationServiceName = "events";
        ServiceId = "EventBridge";
        EndpointProvider = new EventBridgeEndpointProvider();
    }

    public override string ServiceVersion => "2015-10-07";

    public override string UserAgent => "ecommerce-eventbridge";

    public override string RegionEndpointServiceName => "events";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        EndpointProvider.ResolveEndpoint(EventBridgeEndpointResolver.Parameters(this));
}

/// <summary><c>https://events.{region}.amazonaws.com</c> unless an endpoint is configured.</summary>
internal sealed class EventBridgeEndpointProvider : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters["Endpoint"] is string { Length: > 0 } endpoint)
        {
            return new Endpoint(endpoint);
        }

        var region = parameters["Region"] as string
            ?? throw new AmazonClientException("EventBridge needs a region (AWS_REGION) or an endpoint (AWS_ENDPOINT_URL).");
        return new Endpoint($"https://events.{region}.amazonaws.com");
    }
}

internal sealed class EventBridgeEndpointResolver : BaseEndpointResolver
{
    public static EndpointParameters Parameters(IClientConfig config)
    {
        var parameters = new EndpointParameters();
        parameters["Region"] = config.RegionEndpoint?.SystemName ?? config.AuthenticationRegion;
        parameters["Endpoint"] = config.ServiceURL;
        return parameters;
    }

    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext) =>
        Parameters(requestContext.ClientConfig);
}

internal sealed class EventBridgeAuthSchemeHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) =>
        AuthSchemeOption.DEFAULT_SIGV4;
}

internal sealed class EventBridgeMetadata : IServiceMetadata
{
    public string ServiceId => "EventBridge";

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}
