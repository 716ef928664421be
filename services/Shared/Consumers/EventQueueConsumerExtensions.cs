using System.Diagnostics.CodeAnalysis;
using Amazon.SQS;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Consumers;

/// <summary>
/// A consumer of events that EventBridge routes to an SQS queue, fed the same way wherever it runs:
/// in <see cref="ConsumerMode.Poll"/> by a <see cref="QueuePoller"/>, in <see cref="ConsumerMode.Lambda"/>
/// by Lambda's SQS event source through <c>POST /events</c>. The mode and its settings come from
/// <paramref name="section"/> (e.g. <c>Ordering:Consumer</c>, so <c>Ordering__Consumer__Mode</c>).
/// </summary>
public static class EventQueueConsumerExtensions
{
    public static IHostApplicationBuilder AddEventQueueConsumer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConsumer>(
        this IHostApplicationBuilder builder, string section, EventQueueDefinition definition)
        where TConsumer : class, IBatchConsumer<SqsRecord>
    {
        var options = builder.Configuration.ConsumerOptions(section);
        builder.AddResourceNames(definition.Queue);
        builder.AddAwsClient<IAmazonSQS>("SQS");
        builder.Services.AddSingleton<TConsumer>();
        builder.Services.AddKeyedSingleton(section, (services, _) => new EventQueue(
            services.GetRequiredService<IAmazonSQS>(), definition, services.GetRequiredService<ResourceNames>(), options));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"queue:{section}",
            services => new EventQueueHealthCheck(services.GetRequiredKeyedService<EventQueue>(section)),
            failureStatus: null,
            tags: [ServiceDefaultsExtensions.ReadyTag]));

        if (builder.Configuration.CreateResources())
        {
            builder.AddResourceNames(definition.DeadLetterQueue, definition.Rule, ResourceDefinitions.EventBus);
            builder.AddEventBridgeClient();
            StartupTask.Register(builder.Services, (services, cancellationToken) =>
                services.GetRequiredKeyedService<EventQueue>(section).ProvisionAsync(services.GetRequiredService<IEventBridgeClient>(), cancellationToken));
        }

        if (options.Mode == ConsumerMode.Poll)
        {
            builder.Services.AddSingleton<IHostedService>(services => new QueuePoller(
                services.GetRequiredService<IAmazonSQS>(),
                services.GetRequiredKeyedService<EventQueue>(section),
                services.GetRequiredService<TConsumer>(),
                options,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<QueuePoller>>()));
        }

        return builder;
    }

    /// <summary>In Lambda mode, maps <c>POST /events</c>, where Lambda Web Adapter delivers the SQS batch. Otherwise maps nothing.</summary>
    public static IEndpointRouteBuilder MapEventQueueConsumer<TConsumer>(this IEndpointRouteBuilder routes, string section)
        where TConsumer : class, IBatchConsumer<SqsRecord> =>
        routes.MapLambdaEvents<SqsEvent, SqsRecord, TConsumer>(
            section,
            ConsumerJsonContext.Default.SqsEvent,
            sqsEvent => sqsEvent.Records is { } records && records.All(r => !string.IsNullOrEmpty(r?.MessageId)) ? records : null);

    public static ConsumerOptions ConsumerOptions(this IConfiguration configuration, string section) =>
        configuration.GetSection(section).Get<ConsumerOptions>() ?? new ConsumerOptions();
}
