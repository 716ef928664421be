using System.Diagnostics.CodeAnalysis;
using Amazon.DynamoDBv2;
using Ecommerce.Shared.DynamoDbStreams;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
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
        this IHostApplicationBuilder builder, string section, TableDefinition table)
        where TConsumer : class, IBatchConsumer<StreamRecord>
    {
        var options = builder.Configuration.ConsumerOptions(section);
        builder.Services.AddSingleton<TConsumer>();
        if (options.Mode == ConsumerMode.Poll)
        {
            builder.AddResourceNames(table);
            builder.AddDynamoDbStreamsClient();
            builder.Services.AddSingleton<IHostedService>(services => new StreamPoller(
                services.GetRequiredService<DynamoDbStreamsClient>(),
                services.GetRequiredService<IAmazonDynamoDB>(),
                services.GetRequiredService<ResourceNames>()[table],
                services.GetRequiredService<TConsumer>(),
                options,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<StreamPoller>>()));
        }

        return builder;
    }

    /// <summary>In Lambda mode, maps <c>POST /events</c>, where Lambda Web Adapter delivers the stream's batch. Otherwise maps nothing.</summary>
    public static IEndpointRouteBuilder MapStreamConsumer<TConsumer>(this IEndpointRouteBuilder routes, string section)
        where TConsumer : class, IBatchConsumer<StreamRecord> =>
        routes.MapLambdaEvents<StreamEvent, StreamRecord, TConsumer>(
            section,
            StreamJson.Event,
            streamEvent => streamEvent.Records is { } records && records.All(r => r?.Change?.SequenceNumber is { Length: > 0 }) ? records : null);
}
