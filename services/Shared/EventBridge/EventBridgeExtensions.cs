using Ecommerce.Shared.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.EventBridge;

public static class EventBridgeExtensions
{
    /// <summary>
    /// Adds <see cref="IEventBridgeClient"/>: endpoint from <c>AWS_ENDPOINT_URL_EVENTBRIDGE</c> or
    /// <c>AWS_ENDPOINT_URL</c>, region and credentials from the SDK's chain, standard bounded retries.
    /// </summary>
    public static IHostApplicationBuilder AddEventBridgeClient(this IHostApplicationBuilder builder)
    {
        var options = AwsClientExtensions.CreateOptions(builder.Configuration, "EVENTBRIDGE");
        builder.Services.AddSingleton<IEventBridgeClient>(_ =>
        {
            var config = new EventBridgeClientConfig();
            config.Apply(options);
            return options.Credentials is { } credentials ? new EventBridgeClient(credentials, config) : new EventBridgeClient(config);
        });
        return builder;
    }

    /// <summary>
    /// Creates the bus if it is missing and returns its ARN: local provisioning, where Basket and
    /// Ordering may each be first to need it.
    /// </summary>
    public static async Task<string> EnsureEventBusAsync(this IEventBridgeClient eventBridge, string name, CancellationToken cancellationToken)
    {
        if (await eventBridge.DescribeEventBusAsync(name, cancellationToken) is { } existing)
        {
            return existing.Arn;
        }

        try
        {
            return await eventBridge.CreateEventBusAsync(name, cancellationToken);
        }
        catch (EventBridgeResourceAlreadyExistsException)
        {
            // Created by the other service in the meantime.
            return (await eventBridge.DescribeEventBusAsync(name, cancellationToken))!.Arn;
        }
    }
}
