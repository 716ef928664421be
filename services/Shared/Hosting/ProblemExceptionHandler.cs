using AmazonServiceException = Amazon.Runtime.AmazonServiceException;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// Turns every exception into RFC 9457 problem details. The body says what the client can act on and
/// never carries exception text; the log line names the exception type, never its stack or message.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => ForBadRequest(bad),
            AmazonServiceException aws when IsTransient(aws) => Unavailable(),
            HttpRequestException or TimeoutException or TaskCanceledException when !httpContext.RequestAborted.IsCancellationRequested => Unavailable(),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception.GetType().FullName, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error has been logged. Retrying may not help.",
            };
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogDownstreamFailure(logger, exception.GetType().FullName, (exception as AmazonServiceException)?.ErrorCode);
            Problems.AskToRetryLater(httpContext.Response);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// Throttling and server-side faults of an AWS service, and a DynamoDB write that met a transaction on the same item
    /// (<c>TransactionConflictException</c>): worth a retry by the client.
    /// </summary>
    public static bool IsTransient(AmazonServiceException exception) =>
        exception.StatusCode >= System.Net.HttpStatusCode.InternalServerError
        || exception.ErrorCode is "ThrottlingException" or "ProvisionedThroughputExceededException"
            or "RequestLimitExceeded" or "Throttling" or "TooManyRequestsException" or "TransactionConflictException";

    private static ProblemDetails ForBadRequest(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request body is too large.",
            Detail = $"Request bodies are limited to {ServiceDefaultsExtensions.MaxRequestBodyBytes} bytes.",
        },
        StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Title = "The request body must be JSON.",
            Detail = "Send the body with Content-Type: application/json.",
        },
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Detail = "The body is not valid JSON of the expected shape, or a route or query value has the wrong type.",
        },
    };

    private static ProblemDetails Unavailable() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "A service this request depends on is unavailable.",
        Detail = "Nothing was changed. Retry after a moment.",
    };

    [LoggerMessage(LogLevel.Error, "Unhandled {ExceptionType} while serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string? exceptionType, string method, PathString path);

    [LoggerMessage(LogLevel.Warning, "Downstream failure {ExceptionType} {ErrorCode}; answered 503")]
    private static partial void LogDownstreamFailure(ILogger logger, string? exceptionType, string? errorCode);
}
