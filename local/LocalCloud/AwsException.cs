namespace Ecommerce.LocalCloud;

/// <summary>An AWS error answer: the code the SDK maps to a typed exception, its message and HTTP status.</summary>
public sealed class AwsException(string code, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    public static AwsException Validation(string message) => new("ValidationException", message);
}
