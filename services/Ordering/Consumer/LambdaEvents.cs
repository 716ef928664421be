using Microsoft.AspNetCore.Http.Metadata;

namespace Ecommerce.Ordering.Consumer;

/// <summary>The Lambda entry point: the SQS event in, the batch item failures out.</summary>
internal static class LambdaEvents
{
    /// <summary>
    /// Lambda's own bound on an invocation's payload (6 MB) instead of the app-wide 1 MiB: ten checkout
    /// events of large baskets exceed 1 MiB, and a 413 would be no batch response at all.
    /// </summary>
    public sealed class PayloadLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => 6 * 1024 * 1024;
    }

    public static async Task<IResult> HandleAsync(HttpRequest request, CheckoutConsumer consumer, CancellationToken cancellationToken)
    {
        SqsEvent? sqsEvent;
        try
        {
            sqsEvent = await request.ReadFromJsonAsync(SqsBatchJsonContext.Default.SqsEvent, cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            sqsEvent = null;
        }

        if (sqsEvent?.Records is not { } records || records.Any(r => string.IsNullOrEmpty(r?.MessageId)))
        {
            // Not an SQS event at all: a 5xx makes Lambda Web Adapter fail the invocation, so the whole
            // batch is retried (and redriven) instead of being deleted as a 2xx or 4xx would have it.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "The request is not an SQS event.");
        }

        var failed = await consumer.ProcessAsync(records, cancellationToken);
        return TypedResults.Json(
            new SqsBatchResponse([.. failed.Select(id => new BatchItemFailure(id))]),
            SqsBatchJsonContext.Default.SqsBatchResponse);
    }
}
