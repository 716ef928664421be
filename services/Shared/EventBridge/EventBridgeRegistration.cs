using Ecommerce.Shared.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.EventBridge;

public static class EventBridgeRegistration
{
    /// <summary>
    /// Adds <see cref="IEventBridgeClient"/>: endpoint from <c>AWS_ENDPOINT_URL_EVENTBRIDGE</c> or
    /// <c>AWS_ENDPOINT_URL</c>, region and credentials from the SDK's chain, standard bounded retries.
    /// </summary>
    public static IHostApplicationBuilder AddEventBridgeClient(this IHostApplicationBuilder builder)
    {
        var options = AwsClientRegistration.CreateOptions(builder.Configuration, "EVENTBRIDGE");
        builder.Services.AddSingleton<IEventBridgeClient>(_ =>
        {
            var config = new EventBridgeClientConfig();
            config.Apply(options);
            return options.Credentials is { } credentials ? new EventBridgeClient(credentials, config) : new EventBridgeClient(config);
        });
        return builder;
    }
}
