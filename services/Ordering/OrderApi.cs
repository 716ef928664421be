using Ecommerce.Shared.Events;
using Ecommerce.Shared.Paging;
using Ecommerce.Shared.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Ordering;

/// <summary>The Ordering HTTP API: orders under <c>/order</c>, read-only (orders come from checkout events).</summary>
public static class OrderApi
{
    private const int MaxUserNameLength = 100;

    public static RouteGroupBuilder MapOrderApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/order").WithTags("Ordering");

        group.MapGet("", ListOrders)
            .WithName("ListOrders")
            .WithSummary("Lists all orders, a page at a time");
        group.MapGet("/{userName}", ListOrdersOfUser)
            .WithName("ListOrdersOfUser")
            .WithSummary("Lists a user's orders, newest first; ?orderDate= keeps the order of that exact time");

        return group;
    }

    internal static async Task<Results<Ok<Page<Order>>, ValidationProblem>> ListOrders(
        int? limit, string? nextToken, OrderRepository orders, PageTokenCodec tokens, CancellationToken cancellationToken)
    {
        const string scope = "order";
        if (!PageRequest.TryRead(limit, nextToken, scope, OrderRepository.PageKey, tokens, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors!);
        }

        var (items, lastKey) = await orders.ListAsync(page, cancellationToken);
        return TypedResults.Ok(new Page<Order>(items, tokens.Encode(lastKey, scope)));
    }

    internal static async Task<Results<Ok<Page<Order>>, ValidationProblem>> ListOrdersOfUser(
        string userName, string? orderDate, int? limit, string? nextToken,
        OrderRepository orders, PageTokenCodec tokens, CancellationToken cancellationToken)
    {
        if (userName.Length > MaxUserNameLength || !PlainText.IsPlain(userName))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["userName"] = [$"The user name must be at most {MaxUserNameLength} characters, without control characters."],
            });
        }

        if (orderDate is not null && !CheckoutBasketEvent.IsValidTime(orderDate))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["orderDate"] = ["The order date must be ISO-8601 UTC with milliseconds, as orders show it (2026-01-31T12:00:00.000Z)."],
            });
        }

        var scope = $"order/{userName}?orderDate={orderDate}";
        if (!PageRequest.TryRead(limit, nextToken, scope, OrderRepository.PageKey, tokens, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors!);
        }

        var (items, lastKey) = await orders.ListByUserAsync(userName, orderDate, page, cancellationToken);
        return TypedResults.Ok(new Page<Order>(items, tokens.Encode(lastKey, scope)));
    }
}
