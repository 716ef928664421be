using System.Diagnostics.CodeAnalysis;
using Ecommerce.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Shared.Hosting;

/// <summary>The problem responses the services answer with, worded once.</summary>
public static class Problems
{
    /// <summary>Seconds a client should wait before retrying after a transient failure.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>Tells the client, with <c>Retry-After</c>, that the same request may succeed in a moment.</summary>
    public static void AskToRetryLater(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The answer to a user name in a path that no user can have (too long, blank, control characters),
    /// the same from every service: 400, naming the field, without asking DynamoDB.
    /// </summary>
    public static bool IsInvalidUserName(string userName, [NotNullWhen(true)] out ValidationProblem? problem)
    {
        problem = PlainText.IsRequiredText(userName, Limits.UserName)
            ? null
            : Invalid("userName", $"The user name must be 1 to {Limits.UserName} characters, without control characters.");
        return problem is not null;
    }

    /// <summary>A 400 validation problem naming one field of the request and what it must be.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A signed-in shopper asking for another user's basket or orders.</summary>
    public static ProblemHttpResult Forbidden() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "You may not act for this user.",
        detail: "A shopper may read and change only their own basket and orders.");

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"The {what} was not found.");

    public static ProblemHttpResult PreconditionFailed() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The resource has changed since it was read.",
        detail: "Read it again, and send its current ETag in If-Match.");

    public static ProblemHttpResult Conflict(string title, string? detail = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult Unavailable(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail);
}
