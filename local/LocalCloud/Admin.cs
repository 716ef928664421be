using Ecommerce.LocalCloud.EventBridge;
using Ecommerce.LocalCloud.Sqs;
using Ecommerce.LocalCloud.Ssm;
using Ecommerce.LocalCloud.Stripe;

namespace Ecommerce.LocalCloud;

/// <summary>The admin API under <c>/_localcloud/</c>: health, fault injection, reset (the payment provider lists its intents there too).</summary>
public static class Admin
{
    /// <summary>The longest a fault holds a call back: past any client's timeout.</summary>
    private const int MaxDelayMilliseconds = 300_000;

    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_localcloud");
        admin.MapGet("/health", (LocalCloudOptions options) =>
            TypedResults.Ok(new Health("healthy", options.DynamoDbUrl)));
        admin.MapGet("/faults", (Faults faults) => TypedResults.Ok(faults.Pending));
        admin.MapPost("/faults", AddFault);
        admin.MapDelete("/faults", (Faults faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });
        admin.MapPost("/reset", (Faults faults, SqsQueues queues, MessageMoveTasks moveTasks, EventBuses buses, ParameterStore parameters, StripeAccount stripe) =>
        {
            faults.Clear();
            moveTasks.Clear();
            queues.Clear();
            buses.Clear();
            parameters.Clear();
            stripe.Clear();
            return TypedResults.NoContent();
        });
    }

    private static IResult AddFault(FaultSpec fault, Faults faults)
    {
        var needsErrorCode = fault.Mode != FaultMode.Delay;
        if (string.IsNullOrWhiteSpace(fault.Operation) || (needsErrorCode && string.IsNullOrWhiteSpace(fault.ErrorCode)) || fault.Count < 1
            || (fault.Mode == FaultMode.Error && fault.StatusCode is < 400 or > 599)
            || fault.DelayMilliseconds is < 0 or > MaxDelayMilliseconds || (fault.Mode == FaultMode.Delay && fault.DelayMilliseconds == 0))
        {
            return TypedResults.Problem(
                $"operation, count >= 1, errorCode unless a Delay, statusCode 400-599 for errors, delayMilliseconds 0-{MaxDelayMilliseconds} (1 or more for a Delay) are required",
                statusCode: StatusCodes.Status400BadRequest);
        }

        faults.Add(fault);
        return TypedResults.Created("/_localcloud/faults", fault);
    }
}

public sealed record Health(string Status, string? DynamoDbUrl);
