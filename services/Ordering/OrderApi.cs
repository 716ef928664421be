using Ecommerce.Contracts;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Identity;
using Ecommerce.Shared.Paging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Ordering;

/// <summary>The Ordering HTTP API: orders under <c>/order</c>, read-only (orders come from checkout events).</summary>
public static class OrderApi
{
    public static RouteGroupBuilder MapOrderApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/order").WithTags("Ordering").RequireOwnerOrAdmin();

        group.MapGet("", ListOrders)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("ListOrders")
            .WithSummary("Lists all orders, a page at a time");
        group.MapGet("/{userName}", ListOrdersOfUser)
            .WithName("ListOrdersOfUser")
            .WithSummary("Lists a user's orders, newest first; ?orderDate= keeps the order of that exact time");

        return group;
    }

    internal static Task<Results<Ok<Page<Order>>, ValidationProblem>> ListOrders(
        [AsParameters] PageQuery query, OrderRepository orders, PageTokenCodec tokens, CancellationToken cancellationToken) =>
        tokens.PageAsync(query, "order", page => orders.ListAsync(page, cancellationToken));

    internal static async Task<Results<Ok<Page<Order>>, ValidationProblem>> ListOrdersOfUser(
        string userName, string? orderDate, [AsParameters] PageQuery query,
        OrderRepository orders, PageTokenCodec tokens, CancellationToken cancellationToken)
    {
        if (orderDate is not null && !CheckoutBasketEvent.IsValidTime(orderDate))
        {
            return Problems.Invalid("orderDate", "The order date must be ISO-8601 UTC with milliseconds, as orders show it (2026-01-31T12:00:00.000Z).");
        }

        return await tokens.PageAsync(
            query, $"order/{userName}?orderDate={orderDate}", page => orders.ListByUserAsync(userName, orderDate, page, cancellationToken));
    }
}
