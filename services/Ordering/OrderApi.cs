using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Ecommerce.Contracts;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Identity;
using Ecommerce.Shared.Paging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Ordering;

/// <summary>
/// The Ordering HTTP API: orders under <c>/order</c>, made by checkout events; a shopper or an admin may cancel
/// one, an admin ship it. Every change is a guarded transition (<see cref="OrderTransitions"/>).
/// </summary>
internal static class OrderApi
{
    public static RouteGroupBuilder MapOrderApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/order").WithTags("Ordering").RequireOwnerOrAdmin();

        group.MapGet("", ListOrders)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("ListOrders")
            .WithSummary("Lists all orders, a page at a time; ?status= keeps the orders in that status, newest first");
        group.MapGet("/{userName}", ListOrdersOfUser)
            .WithName("ListOrdersOfUser")
            .WithSummary("Lists a user's orders, newest first; ?orderDate= keeps the order of that exact time, ?status= those in that status");
        group.MapGet("/{userName}/{orderId}", GetOrder)
            .WithName("GetOrder")
            .WithSummary("Gets one of a user's orders, with its status and payment")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{userName}/{orderId}/cancel", CancelOrder)
            .WithName("CancelOrder")
            .WithSummary("Cancels an order not yet shipped (ByShopper, or ByAdmin when an admin asks); again on a cancelled order, answers it unchanged")
            .WithDescription("Its stock is released and its authorization voided once the OrderCancelled event is handled.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{userName}/{orderId}/ship", ShipOrder)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("ShipOrder")
            .WithSummary("Ships a Confirmed order")
            .WithDescription("Its payment is captured and its stock taken once the OrderShipped event is handled: payment.status becomes Captured, or CaptureFailed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    internal static async Task<Results<Ok<Page<Order>>, ValidationProblem>> ListOrders(
        string? status, [AsParameters] PageQuery query, OrderRepository orders, PageTokenCodec tokens, CancellationToken cancellationToken)
    {
        if (!TryReadStatus(status, out var wanted, out var invalid))
        {
            return invalid;
        }

        return wanted is { } inStatus
            ? await tokens.PageAsync(query, $"order?status={inStatus}", page => orders.ListByStatusAsync(inStatus, page, cancellationToken))
            : await tokens.PageAsync(query, "order", page => orders.ListAsync(page, cancellationToken));
    }

    internal static async Task<Results<Ok<Page<Order>>, ValidationProblem>> ListOrdersOfUser(
        string userName, string? orderDate, string? status, [AsParameters] PageQuery query,
        OrderRepository orders, PageTokenCodec tokens, CancellationToken cancellationToken)
    {
        if (orderDate is not null && !CheckoutBasketEvent.IsValidTime(orderDate))
        {
            return Problems.Invalid("orderDate", "The order date must be ISO-8601 UTC with milliseconds, as orders show it (2026-01-31T12:00:00.000Z).");
        }

        if (!TryReadStatus(status, out var wanted, out var invalid))
        {
            return invalid;
        }

        return await tokens.PageAsync(
            query,
            $"order/{userName}?orderDate={orderDate}&status={wanted}",
            page => orders.ListByUserAsync(userName, orderDate, wanted, page, cancellationToken));
    }

    internal static async Task<Results<Ok<Order>, ProblemHttpResult, ValidationProblem>> GetOrder(
        string userName, string orderId, OrderRepository orders, CancellationToken cancellationToken)
    {
        if (!TryReadOrderId(orderId, out var id, out var invalid))
        {
            return invalid;
        }

        return await orders.FindKeyAsync(userName, id, cancellationToken) is { } key && await orders.GetAsync(key, cancellationToken) is { } found
            ? TypedResults.Ok(found.Order)
            : Problems.NotFound("order");
    }

    internal static async Task<Results<Ok<Order>, ProblemHttpResult, ValidationProblem>> CancelOrder(
        string userName, string orderId, ClaimsPrincipal caller, OrderRepository orders, CancellationToken cancellationToken)
    {
        if (!TryReadOrderId(orderId, out var id, out var invalid))
        {
            return invalid;
        }

        if (await orders.FindKeyAsync(userName, id, cancellationToken) is not { } key)
        {
            return Problems.NotFound("order");
        }

        if (await orders.ApplyAsync(key, id, OrderTransitions.Cancel(byAdmin: caller.IsAdmin()), cancellationToken) is { } cancelled)
        {
            return TypedResults.Ok(cancelled.Order);
        }

        // Only Cancelled and Shipped orders cannot be cancelled, and neither ever leaves its status.
        return await orders.GetAsync(key, cancellationToken) switch
        {
            null => Problems.NotFound("order"),
            { Order.Status: OrderStatus.Cancelled } already => TypedResults.Ok(already.Order),
            { Order.Status: var status } => Problems.Conflict($"The order is {status}; it can no longer be cancelled."),
        };
    }

    internal static async Task<Results<Ok<Order>, ProblemHttpResult, ValidationProblem>> ShipOrder(
        string userName, string orderId, OrderRepository orders, CancellationToken cancellationToken)
    {
        if (!TryReadOrderId(orderId, out var id, out var invalid))
        {
            return invalid;
        }

        if (await orders.FindKeyAsync(userName, id, cancellationToken) is not { } key)
        {
            return Problems.NotFound("order");
        }

        if (await orders.ApplyAsync(key, id, OrderTransitions.Ship(), cancellationToken) is { } shipped)
        {
            return TypedResults.Ok(shipped.Order);
        }

        return await orders.GetAsync(key, cancellationToken) is { } current
            ? Problems.Conflict($"The order is {current.Order.Status}; only a Confirmed order can ship.")
            : Problems.NotFound("order");
    }

    /// <summary>An order's id is a GUID (its checkout's); read in the form orders carry it.</summary>
    private static bool TryReadOrderId(string text, [NotNullWhen(true)] out string? orderId, [NotNullWhen(false)] out ValidationProblem? invalid)
    {
        orderId = Guid.TryParse(text, out var id) ? id.ToString("D") : null;
        invalid = orderId is null ? Problems.Invalid("orderId", "The order id must be a GUID, as orders show it.") : null;
        return invalid is null;
    }

    /// <summary>A <c>?status=</c>: absent, or one of the statuses by its exact name.</summary>
    private static bool TryReadStatus(string? text, out OrderStatus? status, [NotNullWhen(false)] out ValidationProblem? invalid)
    {
        var names = Enum.GetNames<OrderStatus>();
        status = text is not null && names.Contains(text, StringComparer.Ordinal) ? Enum.Parse<OrderStatus>(text) : null;
        invalid = text is not null && status is null ? Problems.Invalid("status", $"The status must be one of {string.Join(", ", names)}.") : null;
        return invalid is null;
    }
}
