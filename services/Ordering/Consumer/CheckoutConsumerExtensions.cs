using Amazon.SQS;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Hosting;
using Microsoft.Extensions.Options;

namespace Ecommerce.Ordering.Consumer;

/// <summary>Wires the checkout consumer for the configured <see cref="ConsumerMode"/>.</summary>
public static class CheckoutConsumerExtensions
{
    public static IHostApplicationBuilder AddCheckoutConsumer(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ConsumerOptions>(builder.Configuration.GetSection(ConsumerOptions.Section));
        builder.AddAwsClient<IAmazonSQS>("SQS");
        builder.Services.AddSingleton<OrderQueue>();
        builder.Services.AddSingleton<CheckoutConsumer>();
        builder.Services.AddHealthChecks().AddCheck<OrderQueueHealthCheck>("queue:order", tags: [ServiceDefaultsExtensions.ReadyTag]);

        if (builder.Configuration.CreateResources())
        {
            builder.AddEventBridgeClient();
            StartupTask.Register(builder.Services, (services, cancellationToken) =>
                services.GetRequiredService<OrderQueue>().ProvisionAsync(services.GetRequiredService<IEventBridgeClient>(), cancellationToken));
        }

        if (ModeOf(builder.Configuration) == ConsumerMode.Poll)
        {
            builder.Services.AddHostedService<QueuePoller>();
        }

        return builder;
    }

    /// <summary>In Lambda mode, maps <c>POST /events</c>, where Lambda Web Adapter delivers the SQS batch. Otherwise maps nothing.</summary>
    public static IEndpointRouteBuilder MapCheckoutConsumer(this IEndpointRouteBuilder routes)
    {
        if (ModeOf(routes.ServiceProvider.GetRequiredService<IConfiguration>()) == ConsumerMode.Lambda)
        {
            routes.MapPost("/events", LambdaEvents.HandleAsync)
                .WithMetadata(new LambdaEvents.PayloadLimit())
                .WithName("ConsumeCheckoutEvents")
                .WithSummary("Consumes a batch of checkout events from SQS, as Lambda Web Adapter delivers it")
                .ExcludeFromDescription();
        }

        return routes;
    }

    private static ConsumerMode ModeOf(IConfiguration configuration) =>
        configuration.GetSection(ConsumerOptions.Section).Get<ConsumerOptions>()?.Mode ?? ConsumerMode.Poll;
}
