using Ecommerce.Contracts;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Identity;
using Ecommerce.Shared.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Products;

/// <summary>The Product HTTP API: catalogue CRUD under <c>/product</c>.</summary>
internal static class ProductApi
{
    public static RouteGroupBuilder MapProductApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/product").WithTags("Product");

        group.MapGet("", ListProducts)
            .WithName("ListProducts")
            .WithSummary("Lists products, a page at a time; ?category= keeps only that category");
        group.MapGet("/{id:guid}", GetProduct)
            .WithName("GetProduct")
            .WithSummary("Gets one product, with its ETag")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateProduct)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("CreateProduct")
            .WithSummary("Creates a product; the server assigns its id")
            .ProducesValidationProblem();
        group.MapPut("/{id:guid}", ReplaceProduct)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("ReplaceProduct")
            .WithSummary("Replaces a product's fields; with If-Match, only if its ETag still matches")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/republish", RepublishCatalogue)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("RepublishCatalogue")
            .WithSummary("Starts publishing every product's ProductChanged event again, deletions kept as tombstones too: rebuilds Basket's view of the catalogue")
            .WithDescription("Answers 202 at once with the run, which goes on a page at a time after the request; follow it at its Location. "
                + "Each event carries the product's current version, so a view that holds it already changes nothing.");
        group.MapGet("/republish/{jobId:guid}", GetRepublishJob)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("GetRepublishJob")
            .WithSummary("A republish run: Running or Completed, with the pages, products and deletions republished so far")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", DeleteProduct)
            .RequireAuthorization(Caller.AdminPolicy)
            .WithName("DeleteProduct")
            .WithSummary("Deletes a product")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    internal static async Task<Results<Ok<Page<Product>>, ValidationProblem>> ListProducts(
        string? category, [AsParameters] PageQuery query, ProductRepository products, PageTokenCodec tokens, CancellationToken cancellationToken)
    {
        if (category is not null && !PlainText.IsRequiredText(category, Limits.Category))
        {
            // No product can have such a category; DynamoDB would refuse some of them as an index key.
            return Problems.Invalid("category", $"The category must be 1 to {Limits.Category} characters, without control characters.");
        }

        return await tokens.PageAsync(
            query, category is null ? "product" : $"product?category={category}", page => products.ListAsync(category, page, cancellationToken));
    }

    internal static async Task<Results<Ok<Product>, ProblemHttpResult>> GetProduct(
        Guid id, ProductRepository products, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await products.GetAsync(Key(id), cancellationToken) is not { } found)
        {
            return Problems.NotFound("product");
        }

        response.Headers.ETag = found.ETag;
        return TypedResults.Ok(found.Product);
    }

    internal static async Task<Created<Product>> CreateProduct(
        ProductInput input, ProductRepository products, HttpResponse response, CancellationToken cancellationToken)
    {
        var created = await products.CreateAsync(input, cancellationToken);
        response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/product/{created.Product.Id}", created.Product);
    }

    internal static async Task<Results<Ok<Product>, ProblemHttpResult>> ReplaceProduct(
        Guid id, ProductInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
        ProductRepository products, HttpResponse response, CancellationToken cancellationToken)
    {
        switch (await products.ReplaceAsync(Key(id), input, EntityTags.ExpectedVersion(ifMatch), cancellationToken))
        {
            case ReplaceResult.Replaced { Product: var replaced }:
                response.Headers.ETag = replaced.ETag;
                return TypedResults.Ok(replaced.Product);
            case ReplaceResult.VersionMismatch:
                return Problems.PreconditionFailed();
            default:
                return Problems.NotFound("product");
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteProduct(
        Guid id, ProductRepository products, CancellationToken cancellationToken) =>
        await products.DeleteAsync(Key(id), cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("product");

    internal static async Task<Accepted<RepublishJob>> RepublishCatalogue(RepublishJobs jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.StartAsync(cancellationToken);
        return TypedResults.Accepted($"/product/republish/{job.Id:D}", job);
    }

    internal static async Task<Results<Ok<RepublishJob>, ProblemHttpResult>> GetRepublishJob(Guid jobId, RepublishJobs jobs, CancellationToken cancellationToken) =>
        await jobs.GetAsync(jobId, cancellationToken) is { } job ? TypedResults.Ok(job) : Problems.NotFound("republish run");

    private static string Key(Guid id) => id.ToString("D");
}
