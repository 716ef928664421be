using Ecommerce.Shared.Aws.JsonProtocol;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.DependencyInjection;
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
    /// For a service that publishes: adds <see cref="IEventBridgeClient"/> and, with <c>Aws:CreateResources</c>,
    /// creates the bus (<c>Resources:EventBus</c>) at start if it is missing.
    /// </summary>
    public static IHostApplicationBuilder AddEventBus(this IHostApplicationBuilder builder)
    {
        builder.AddResourceNames(ResourceDefinitions.EventBus);
        builder.AddEventBridgeClient();
        if (builder.Configuration.CreateResources())
        {
            StartupTask.Register(builder.Services, (services, cancellationToken) =>
                services.GetRequiredService<IEventBridgeClient>().EnsureEventBusAsync(
                    services.GetRequiredService<ResourceNames>()[ResourceDefinitions.EventBus], cancellationToken));
        }

        return builder;
    }

    /// <summary>
    /// Creates the bus if it is missing and returns its ARN: local provisioning, where each service that
    /// needs it may be first.
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
