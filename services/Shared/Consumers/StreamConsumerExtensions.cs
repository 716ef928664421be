using System.Diagnostics.CodeAnalysis;
using Amazon.DynamoDBv2;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.DynamoDbStreams;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Consumers;

/// <summary>
/// A consumer of a table's stream, fed the same way wherever it runs: in <see cref="ConsumerMode.Poll"/>
/// by a <see cref="StreamPoller"/> through the DynamoDB Streams API, in <see cref="ConsumerMode.Lambda"/>
/// by Lambda's stream event source through <c>POST /events</c> (failures named by sequence number).
/// </summary>
public static class StreamConsumerExtensions
{
    public static IHostApplicationBuilder AddStreamConsumer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConsumer>(
        this IHostApplicationBuilder builder)
        where TConsumer : class, IStreamConsumer
    {
        var options = builder.Configuration.ConsumerOptions(TConsumer.Section);
        builder.Services.AddSingleton<TConsumer>();
        if (options.Mode == ConsumerMode.Poll)
        {
            builder.AddResourceNames(TConsumer.Table);
            builder.AddDynamoDbStreamsClient();
        }

        builder.AddConsumer(
            options,
            services => services.GetRequiredService<TConsumer>(),
            (services, consumer) => new StreamPoller(
                services.GetRequiredService<DynamoDbStreamsClient>(),
                services.GetRequiredService<IAmazonDynamoDB>(),
                services.GetRequiredService<ResourceNames>()[TConsumer.Table],
                consumer,
                options,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<StreamPoller>>()),
            (routes, consumer) => routes.MapLambdaEvents(
                StreamJson.Event,
                streamEvent => streamEvent.Records is { } records && records.All(r => r?.Change?.SequenceNumber is { Length: > 0 }) ? records : null,
                consumer));
        return builder;
    }
}
