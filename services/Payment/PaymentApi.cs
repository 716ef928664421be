using Ecommerce.Contracts;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Payments;

/// <summary>The Payment HTTP API: an order's payment under <c>/payment</c>, for admins.</summary>
internal static class PaymentApi
{
    public static RouteGroupBuilder MapPaymentApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/payment").WithTags("Payment").RequireAuthorization(Caller.AdminPolicy);

        group.MapGet("/{orderId}", GetPayment)
            .WithName("GetPayment")
            .WithSummary("Gets an order's payment: its status at the provider, the amount, the card's brand and last four digits as the provider read them")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    internal static async Task<Results<Ok<Payment>, ValidationProblem, ProblemHttpResult>> GetPayment(
        string orderId, PaymentRecords payments, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(orderId, "D", out _))
        {
            return Problems.Invalid("orderId", "The order id must be a GUID, as orders show it (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
        }

        return await payments.FindAsync(orderId, cancellationToken) is { Status: not null } record
            ? TypedResults.Ok(record.ToPayment())
            : Problems.NotFound("payment");
    }
}
