using Ecommerce.LocalCloud.EventBridge;
using Ecommerce.LocalCloud.Sqs;

namespace Ecommerce.LocalCloud;

/// <summary>The admin API under <c>/_localcloud/</c>: health, fault injection, reset.</summary>
public static class Admin
{
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
        admin.MapPost("/reset", (Faults faults, SqsQueues queues, MessageMoveTasks moveTasks, EventBuses buses) =>
        {
            faults.Clear();
            moveTasks.Clear();
            queues.Clear();
            buses.Clear();
            return TypedResults.NoContent();
        });
    }

    private static IResult AddFault(FaultSpec fault, Faults faults)
    {
        if (string.IsNullOrWhiteSpace(fault.Operation) || string.IsNullOrWhiteSpace(fault.ErrorCode) || fault.Count < 1
            || (fault.Mode == FaultMode.Error && fault.StatusCode is < 400 or > 599))
        {
            return TypedResults.Problem("operation, errorCode, count >= 1 and, for errors, statusCode 400-599 are required", statusCode: StatusCodes.Status400BadRequest);
        }

        faults.Add(fault);
        return TypedResults.Created("/_localcloud/faults", fault);
    }
}

public sealed record Health(string Status, string? DynamoDbUrl);
