using Ecommerce.Shared.EventBridge;

namespace Ecommerce.Shared.Messaging;

/// <summary>Local provisioning of the event bus, which Basket and Ordering may each be first to need.</summary>
public static class EventBusProvisioning
{
    /// <summary>Creates the bus if it is missing and returns its ARN.</summary>
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
