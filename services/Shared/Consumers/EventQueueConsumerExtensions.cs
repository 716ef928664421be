using System.Diagnostics.CodeAnalysis;
using Amazon.SQS;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Consumers;

/// <summary>
/// A consumer of events that EventBridge routes to an SQS queue, fed the same way wherever it runs:
/// in <see cref="ConsumerMode.Poll"/> by a <see cref="QueuePoller"/>, in <see cref="ConsumerMode.Lambda"/>
/// by Lambda's SQS event source through <c>POST /events</c> (mapped by <c>MapServiceDefaults</c>).
/// The mode and its settings come from the consumer's section.
/// </summary>
public static class EventQueueConsumerExtensions
{
    public static IHostApplicationBuilder AddEventQueueConsumer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConsumer, TEvent>(
        this IHostApplicationBuilder builder)
        where TConsumer : class, IEventQueueConsumer<TEvent>
        where TEvent : class
    {
        var section = TConsumer.Section;
        var definition = TConsumer.Queue;
        var options = builder.Configuration.ConsumerOptions(section);
        var delaySeconds = TConsumer.QueueDelaySeconds(builder.Configuration);
        builder.AddResourceNames(definition.Queue);
        builder.AddAwsClient<IAmazonSQS>("SQS");
        builder.Services.AddSingleton<TConsumer>();
        builder.Services.AddSingleton(services => new EventQueueBatch<TConsumer, TEvent>(
            services.GetRequiredService<TConsumer>(), services.GetRequiredService<ILogger<TConsumer>>()));
        builder.Services.AddKeyedSingleton(section, (services, _) => new EventQueue(
            services.GetRequiredService<IAmazonSQS>(), definition, services.GetRequiredService<ResourceNames>(), options, delaySeconds));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"queue:{section}",
            services => new EventQueueHealthCheck(services.GetRequiredKeyedService<EventQueue>(section)),
            failureStatus: null,
            tags: [ServiceDefaultsExtensions.ReadyTag]));

        if (builder.Configuration.CreateResources())
        {
            builder.AddResourceNames(definition.DeadLetterQueue, definition.Rule, definition.RuleDeadLetterQueue, ResourceDefinitions.EventBus);
            builder.AddEventBridgeClient();
            StartupTask.Register(builder.Services, (services, cancellationToken) =>
                services.GetRequiredKeyedService<EventQueue>(section).ProvisionAsync(services.GetRequiredService<IEventBridgeClient>(), cancellationToken));
        }

        builder.AddConsumer(
            options,
            services => services.GetRequiredService<EventQueueBatch<TConsumer, TEvent>>(),
            (services, consumer) => new QueuePoller(
                services.GetRequiredService<IAmazonSQS>(),
                services.GetRequiredKeyedService<EventQueue>(section),
                consumer,
                options,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<QueuePoller>>()),
            (routes, consumer) => routes.MapLambdaEvents(
                ConsumerJsonContext.Default.SqsEvent,
                sqsEvent => sqsEvent.Records is { } records && records.All(r => !string.IsNullOrEmpty(r?.MessageId)) ? records : null,
                consumer));
        return builder;
    }
}
