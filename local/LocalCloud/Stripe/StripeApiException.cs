namespace Ecommerce.LocalCloud.Stripe;

/// <summary>An answer in Stripe's error shape: its HTTP status and error object.</summary>
public sealed class StripeApiException(int statusCode, StripeErrorDetail detail) : Exception(detail.Message)
{
    public int StatusCode { get; } = statusCode;

    public StripeErrorDetail Detail { get; } = detail;

    public static StripeApiException InvalidRequest(string message, string? code = null, string? param = null, int statusCode = StatusCodes.Status400BadRequest) =>
        new(statusCode, new StripeErrorDetail("invalid_request_error", message, code, Param: param));

    public static StripeApiException Card(string code, string message, string? param = null, string? declineCode = null, PaymentIntent? intent = null) =>
        new(StatusCodes.Status402PaymentRequired, new StripeErrorDetail("card_error", message, code, declineCode, param, intent));

    public static StripeApiException Missing(string objectName, string id, string param) =>
        InvalidRequest($"No such {objectName}: '{id}'", "resource_missing", param, StatusCodes.Status404NotFound);

    public static StripeApiException Unauthorized(string message) => InvalidRequest(message, statusCode: StatusCodes.Status401Unauthorized);
}
