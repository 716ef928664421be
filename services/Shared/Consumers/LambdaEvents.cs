using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Shared.Consumers;

/// <summary>
/// The Lambda entry point of a consumer function: Lambda Web Adapter posts the event source's batch to
/// <c>/events</c>; the answer is <c>{"batchItemFailures":[{"itemIdentifier":...}]}</c>, which Lambda reads
/// as partial batch failures (message ids for SQS, sequence numbers for a DynamoDB stream).
/// </summary>
public static class LambdaEvents
{
    /// <summary>
    /// Lambda's own bound on an invocation's payload (6 MB) instead of the app-wide 1 MiB: ten large
    /// events exceed 1 MiB, and a 413 would be no batch response at all.
    /// </summary>
    public sealed class PayloadLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => 6 * 1024 * 1024;
    }

    /// <summary>Maps <c>POST /events</c>, where Lambda Web Adapter delivers the event source's batch.</summary>
    /// <param name="records">The batch's records, or null when the body is not such an event at all.</param>
    public static IEndpointRouteBuilder MapLambdaEvents<TEvent, TRecord>(
        this IEndpointRouteBuilder routes,
        JsonTypeInfo<TEvent> eventType,
        Func<TEvent, IReadOnlyList<TRecord>?> records,
        Func<IServiceProvider, IBatchConsumer<TRecord>> consumer)
    {
        routes.MapPost("/events", context => HandleAsync(context, eventType, records, consumer(context.RequestServices)))
            .WithMetadata(new PayloadLimit())
            .ExcludeFromDescription();
        return routes;
    }

    /// <summary>Reads the batch, hands it to the consumer, answers its failures.</summary>
    /// <param name="records">The batch's records, or null when the body is not such an event at all.</param>
    public static async Task HandleAsync<TEvent, TRecord>(
        HttpContext context, JsonTypeInfo<TEvent> eventType, Func<TEvent, IReadOnlyList<TRecord>?> records, IBatchConsumer<TRecord> consumer)
    {
        TEvent? received;
        try
        {
            received = await context.Request.ReadFromJsonAsync(eventType, context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            received = default;
        }

        if (received is null || records(received) is not { } batch)
        {
            // Not an event of this source: a 5xx makes Lambda Web Adapter fail the invocation, so the whole
            // batch is retried (and redriven) instead of being deleted as a 2xx would have it.
            await TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The request is not an event of this function's source.")
                .ExecuteAsync(context);
            return;
        }

        var failed = await consumer.ProcessAsync(batch, context.RequestAborted);
        await TypedResults.Json(new BatchResponse([.. failed.Select(id => new BatchItemFailure(id))]), ConsumerJsonContext.Default.BatchResponse)
            .ExecuteAsync(context);
    }
}
