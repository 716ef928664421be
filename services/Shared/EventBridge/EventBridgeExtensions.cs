using Ecommerce.Shared.Aws.JsonProtocol;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.EventBridge;

public static class EventBridgeExtensions
{
    /// <summary>
    /// Adds <see cref="IEventBridgeClient"/>: endpoint from <c>AWS_ENDPOINT_URL_EVENTBRIDGE</c> or
    /// <c>AWS_ENDPOINT_URL</c>, region and credentials from the SDK's chain, standard bounded retries.
    /// </summary>
    public static IHostApplicationBuilder AddEventBridgeClient(this IHostApplicationBuilder builder) =>
        builder.AddAwsJsonClient<IEventBridgeClient, EventBridgeClientConfig>(
            "EVENTBRIDGE", (credentials, config) => credentials is null ? new EventBridgeClient(config) : new EventBridgeClient(credentials, config));

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
