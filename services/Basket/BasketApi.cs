using Ecommerce.Baskets.Catalogue;
using Ecommerce.Contracts;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Identity;
using Ecommerce.Shared.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Baskets;

/// <summary>The Basket HTTP API: a user's basket under <c>/basket</c>, and checkout.</summary>
internal static class BasketApi
{
    public static RouteGroupBuilder MapBasketApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/basket").WithTags("Basket").RequireOwnerOrAdmin();

        group.MapGet("", ListBaskets)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("ListBaskets")
            .WithSummary("Lists baskets, a page at a time");
        group.MapGet("/{userName}", GetBasket)
            .WithName("GetBasket")
            .WithSummary("Gets a user's basket, with its total")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", SaveBasket)
            .WithName("SaveBasket")
            .WithSummary("Creates or replaces a user's basket; names, prices and the total come from the catalogue")
            .ProducesValidationProblem();
        group.MapDelete("/{userName}", DeleteBasket)
            .WithName("DeleteBasket")
            .WithSummary("Deletes a user's basket")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/checkout", Checkout)
            .WithName("CheckoutBasket")
            .WithSummary("Checks a basket out: publishes the CheckoutBasket event, then deletes the basket")
            .WithDescription("An optional Idempotency-Key header makes a retry answer with the first checkout's result.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return group;
    }

    internal static Task<Results<Ok<Page<Basket>>, ValidationProblem>> ListBaskets(
        [AsParameters] PageQuery query, BasketRepository baskets, BasketPricing pricing, PageTokenCodec tokens, CancellationToken cancellationToken) =>
        tokens.PageAsync(query, "basket", async page =>
        {
            var stored = await baskets.ListAsync(page, cancellationToken);
            return new PageSlice<Basket>(await pricing.PriceAsync(stored.Items, cancellationToken), stored.LastKey);
        });

    internal static async Task<Results<Ok<Basket>, ProblemHttpResult>> GetBasket(
        string userName, BasketRepository baskets, BasketPricing pricing, CancellationToken cancellationToken)
    {
        return await baskets.GetAsync(userName, cancellationToken) is { } stored
            ? TypedResults.Ok((await pricing.PriceAsync(stored.UserName, stored.Lines, cancellationToken)).Basket)
            : Problems.NotFound("basket");
    }

    /// <summary>Saves the lines a client chose; each product must be in the catalogue and still sold.</summary>
    internal static async Task<Results<Ok<Basket>, ValidationProblem>> SaveBasket(
        BasketInput input, BasketRepository baskets, BasketPricing pricing, CancellationToken cancellationToken)
    {
        var lines = input.Items!.Select(item => new BasketLine(item.ProductId!, item.Color, item.Quantity!.Value)).ToList();
        var priced = await pricing.PriceAsync(input.UserName!, lines, cancellationToken);
        if (priced.Unavailable.Count > 0)
        {
            return TypedResults.ValidationProblem(priced.Errors());
        }

        await baskets.SaveAsync(input.UserName!, lines, cancellationToken);
        return TypedResults.Ok(priced.Basket);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteBasket(
        string userName, BasketRepository baskets, CancellationToken cancellationToken)
    {
        return await baskets.DeleteAsync(userName, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("basket");
    }

    internal static async Task<Results<Accepted<CheckoutAccepted>, ValidationProblem, ProblemHttpResult>> Checkout(
        CheckoutInput input, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey,
        BasketCheckout checkout, HttpResponse response, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && !IdempotencyKey.IsValid(idempotencyKey))
        {
            return Problems.Invalid(IdempotencyKey.Header, $"The key must be 1 to {Limits.IdempotencyKey} visible ASCII characters.");
        }

        switch (await checkout.CheckoutAsync(input, idempotencyKey, cancellationToken))
        {
            case CheckoutResult.Accepted { Answer: var answer }:
                return TypedResults.Accepted((string?)null, answer);
            case CheckoutResult.NoBasket:
                return Problems.NotFound("basket");
            case CheckoutResult.EmptyBasket:
                return Problems.Conflict("The basket is empty.", "Add items to the basket before checking it out.");
            case CheckoutResult.ProductsUnavailable { Errors: var unavailable }:
                return TypedResults.Problem(new HttpValidationProblemDetails(unavailable)
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "The basket holds products that are no longer sold.",
                    Detail = "Remove them from the basket and check out again; the basket was kept.",
                });
            case CheckoutResult.KeyUsedByAnotherUser:
                return Problems.Conflict("The Idempotency-Key belongs to another checkout.", "Use a new key for a new checkout.");
            case CheckoutResult.KeyInProgress:
                Problems.AskToRetryLater(response);
                return Problems.Conflict("A checkout with this Idempotency-Key is still in progress.", "Retry in a moment with the same key.");
            default:
                Problems.AskToRetryLater(response);
                return Problems.Unavailable(
                    "The checkout could not be published.",
                    "The basket was kept as it was. Retry in a moment; with the same Idempotency-Key a retry is safe.");
        }
    }
}
