using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Aws.JsonProtocol;

public static class AwsJsonClientExtensions
{
    /// <summary>
    /// Adds a client written on <see cref="AwsJsonClient"/> as a singleton: endpoint from
    /// <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c> or <c>AWS_ENDPOINT_URL</c>, region and credentials from the SDK's
    /// chain (null: the SDK's default chain at call time), standard bounded retries. Added once: every feature
    /// that needs it asks.
    /// </summary>
    public static IHostApplicationBuilder AddAwsJsonClient<TService, TConfig>(
        this IHostApplicationBuilder builder, string endpointId, Func<AWSCredentials?, TConfig, TService> create)
        where TService : class
        where TConfig : AwsJsonClientConfig, new()
    {
        var options = AwsClientExtensions.CreateOptions(builder.Configuration, endpointId);
        builder.Services.TryAddSingleton(_ =>
        {
            var config = new TConfig();
            config.Apply(options);
            return create(options.Credentials, config);
        });
        return builder;
    }
}
