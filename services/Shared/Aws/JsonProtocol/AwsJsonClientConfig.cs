using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Ecommerce.Shared.Aws.JsonProtocol;

/// <summary>What tells one AWS JSON-protocol service from another, for a client written on AWSSDK.Core.</summary>
/// <param name="ServiceId">The SDK's service id, e.g. <c>EventBridge</c>.</param>
/// <param name="SigningName">The SigV4 service name, e.g. <c>events</c>.</param>
/// <param name="EndpointPrefix">The host's first labels: <c>https://{prefix}.{region}.amazonaws.com</c>.</param>
/// <param name="TargetPrefix">What <c>X-Amz-Target</c> puts before the operation, e.g. <c>AWSEvents</c>.</param>
/// <param name="ContentType">The protocol's content type: <c>application/x-amz-json-1.0</c> or <c>-1.1</c>.</param>
public sealed record AwsJsonService(string ServiceId, string SigningName, string EndpointPrefix, string TargetPrefix, string ContentType, string Version);

/// <summary>
/// AWSSDK.Core settings for one JSON-protocol service: region, endpoint, retries and timeouts work as
/// for any SDK client; signing is SigV4 under the service's signing name.
/// </summary>
public abstract class AwsJsonClientConfig : ClientConfig
{
    protected AwsJsonClientConfig(AwsJsonService service)
        : base(new DefaultConfigurationProvider(Enum.GetValues<DefaultConfigurationMode>()
            .Select(mode => (IDefaultConfiguration)new DefaultConfiguration { Name = mode, RetryMode = RequestRetryMode.Standard })))
    {
        Service = service;
        AuthenticationServiceName = service.SigningName;
        ServiceId = service.ServiceId;
        EndpointProvider = new AwsJsonEndpointProvider(service);
    }

    public AwsJsonService Service { get; }

    public override string ServiceVersion => Service.Version;

    public override string UserAgent => "ecommerce-" + Service.SigningName;

    public override string RegionEndpointServiceName => Service.EndpointPrefix;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        EndpointProvider.ResolveEndpoint(AwsJsonEndpointResolver.Parameters(this));

    /// <summary>Takes retries, endpoint and region from the options <see cref="AwsClientExtensions.CreateOptions"/> made.</summary>
    public void Apply(AWSOptions options)
    {
        RetryMode = options.DefaultClientConfig.RetryMode ?? RequestRetryMode.Standard;
        MaxErrorRetry = options.DefaultClientConfig.MaxErrorRetry ?? AwsClientExtensions.MaxAttempts - 1;
        // ServiceURL and RegionEndpoint exclude each other in the SDK; with an endpoint the region only signs.
        if (options.DefaultClientConfig.ServiceURL is { } endpoint)
        {
            ServiceURL = endpoint;
            AuthenticationRegion = options.Region?.SystemName;
        }
        else if (options.Region is not null)
        {
            RegionEndpoint = options.Region;
        }
    }
}

/// <summary>The service's regional endpoint unless one is configured.</summary>
internal sealed class AwsJsonEndpointProvider(AwsJsonService service) : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters["Endpoint"] is string { Length: > 0 } endpoint)
        {
            return new Endpoint(endpoint);
        }

        var region = parameters["Region"] as string
            ?? throw new AmazonClientException($"{service.ServiceId} needs a region (AWS_REGION) or an endpoint (AWS_ENDPOINT_URL).");
        return new Endpoint($"https://{service.EndpointPrefix}.{region}.amazonaws.com");
    }
}

internal sealed class AwsJsonEndpointResolver : BaseEndpointResolver
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

internal sealed class AwsJsonAuthSchemeHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) =>
        AuthSchemeOption.DEFAULT_SIGV4;
}

internal sealed class AwsJsonMetadata(string serviceId) : IServiceMetadata
{
    public string ServiceId => serviceId;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}
