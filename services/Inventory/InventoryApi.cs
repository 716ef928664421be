using System.Globalization;
using Ecommerce.Contracts;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Inventory;

/// <summary>The Inventory HTTP API under <c>/inventory</c>: what anyone may order, and the stock records admins count.</summary>
internal static class InventoryApi
{
    public static RouteGroupBuilder MapInventoryApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/inventory").WithTags("Inventory");

        group.MapGet("", GetAvailability)
            .WithName("GetAvailability")
            .WithSummary("Gets how many units of each product can be ordered; ?productIds=a,b,… names 1 to 100 products")
            .WithDescription("Unknown and deleted products are left out of the answer.")
            .ProducesValidationProblem();
        group.MapGet("/{productId}", GetStock)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("GetStock")
            .WithSummary("Gets a product's stock record (on hand, reserved, available), with its ETag")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{productId}", SetStock)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("SetStock")
            .WithSummary("Sets a product's units on hand as counted; with If-Match, only if its ETag still matches")
            .WithDescription("What orders hold reserved stays reserved: available becomes onHand − reserved, and onHand below reserved is a 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }

    internal static async Task<Results<Ok<Availability>, ValidationProblem>> GetAvailability(
        string? productIds, StockRepository stock, CancellationToken cancellationToken)
    {
        var ids = productIds?.Split(',') ?? [];
        if (ids.Length is 0 or > Limits.MaxStockQueryIds || !ids.All(IsProductId))
        {
            return Problems.Invalid(
                "productIds",
                $"Name 1 to {Limits.MaxStockQueryIds} product ids, comma-separated, each 1 to {Limits.ProductId} characters without control characters.");
        }

        return TypedResults.Ok(new Availability(await stock.LevelsAsync([.. ids.Distinct(StringComparer.Ordinal)], cancellationToken)));
    }

    internal static async Task<Results<Ok<StockRecord>, ValidationProblem, ProblemHttpResult>> GetStock(
        string productId, StockRepository stock, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!IsProductId(productId))
        {
            return InvalidProductId();
        }

        if (await stock.GetAsync(productId, cancellationToken) is not { } found)
        {
            return Problems.NotFound("product's stock");
        }

        response.Headers.ETag = EntityTags.Of(found.Version);
        return TypedResults.Ok(found);
    }

    internal static async Task<Results<Ok<StockRecord>, ValidationProblem, ProblemHttpResult>> SetStock(
        string productId, SetStockInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
        StockRepository stock, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!IsProductId(productId))
        {
            return InvalidProductId();
        }

        switch (await stock.SetOnHandAsync(productId, input.OnHand!.Value, EntityTags.ExpectedVersion(ifMatch), cancellationToken))
        {
            case SetStockResult.Set { Stock: var set }:
                response.Headers.ETag = EntityTags.Of(set.Version);
                return TypedResults.Ok(set);
            case SetStockResult.BelowReserved { Reserved: var reserved }:
                return Problems.Conflict(
                    "Fewer units on hand than orders hold reserved.",
                    string.Create(CultureInfo.InvariantCulture, $"Orders hold {reserved} units of this product; set at least that many on hand."));
            case SetStockResult.VersionMismatch:
                return Problems.PreconditionFailed();
            default:
                return Problems.NotFound("product's stock");
        }
    }

    private static bool IsProductId(string id) => PlainText.IsRequiredText(id, Limits.ProductId);

    private static ValidationProblem InvalidProductId() =>
        Problems.Invalid("productId", $"The product id must be 1 to {Limits.ProductId} characters, without control characters.");
}
