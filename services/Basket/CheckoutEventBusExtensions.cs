using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Baskets;

public static class CheckoutEventBusExtensions
{
    /// <summary>With <c>Aws:CreateResources</c>, creates the bus the checkout events go to, if it is missing.</summary>
    public static IHostApplicationBuilder AddCheckoutEventBus(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.CreateResources())
        {
            StartupTask.Register(builder.Services, (services, cancellationToken) =>
                services.GetRequiredService<IEventBridgeClient>().EnsureEventBusAsync(
                    services.GetRequiredService<IOptions<ResourceNames>>().Value.EventBus, cancellationToken));
        }

        return builder;
    }
}
