using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Consumers;

/// <summary>How a consumer's <c>POST /events</c> is mapped in Lambda mode, by <c>MapServiceDefaults</c>.</summary>
public sealed record ConsumerEndpoint(Action<IEndpointRouteBuilder> Map);

/// <summary>What every consumer registers alike, whatever feeds it: its poller in Poll mode, its <c>/events</c> in Lambda mode.</summary>
public static class ConsumerExtensions
{
    public static ConsumerOptions ConsumerOptions(this IConfiguration configuration, string section) =>
        configuration.GetSection(section).Get<ConsumerOptions>() ?? new ConsumerOptions();

    /// <summary>Maps the <c>POST /events</c> of the consumer that runs in Lambda mode, if one does.</summary>
    public static IEndpointRouteBuilder MapConsumerEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var endpoint in routes.ServiceProvider.GetServices<ConsumerEndpoint>())
        {
            endpoint.Map(routes);
        }

        return routes;
    }

    /// <param name="consumer">The batch consumer the poller and <c>/events</c> both feed.</param>
    /// <param name="poller">The Poll-mode loop over the source, handed that consumer.</param>
    /// <param name="events">Maps <c>POST /events</c> for that consumer.</param>
    internal static void AddConsumer<TRecord>(
        this IHostApplicationBuilder builder,
        ConsumerOptions options,
        Func<IServiceProvider, IBatchConsumer<TRecord>> consumer,
        Func<IServiceProvider, IBatchConsumer<TRecord>, IHostedService> poller,
        Func<IEndpointRouteBuilder, Func<IServiceProvider, IBatchConsumer<TRecord>>, IEndpointRouteBuilder> events)
    {
        switch (options.Mode)
        {
            case ConsumerMode.Poll:
                builder.Services.AddSingleton(services => poller(services, consumer(services)));
                break;
            case ConsumerMode.Lambda:
                builder.Services.AddSingleton(new ConsumerEndpoint(routes => events(routes, consumer)));
                break;
        }
    }
}
