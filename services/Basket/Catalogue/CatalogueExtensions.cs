using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Baskets.Catalogue;

public static class CatalogueExtensions
{
    /// <summary>
    /// Basket's view of the catalogue: its table, the pricing that reads it, and the consumer of
    /// ProductChanged events that keeps it (<c>Basket__Catalogue__Mode</c>: Poll, Lambda or Off).
    /// </summary>
    public static IHostApplicationBuilder AddCatalogueView(this IHostApplicationBuilder builder)
    {
        builder.AddOwnedTable(ResourceDefinitions.BasketCatalogueTable);
        builder.Services.AddSingleton<CatalogueView>();
        builder.Services.AddSingleton<BasketPricing>();
        return builder.AddEventQueueConsumer<CatalogueConsumer>(CatalogueConsumer.Section, CatalogueConsumer.Queue);
    }

    /// <summary>In Lambda mode, the catalogue consumer's <c>POST /events</c>.</summary>
    public static IEndpointRouteBuilder MapCatalogueConsumer(this IEndpointRouteBuilder routes) =>
        routes.MapEventQueueConsumer<CatalogueConsumer>(CatalogueConsumer.Section);
}
