namespace Ecommerce.LocalCloud;

/// <summary>An AWS error answer: the code the SDK maps to a typed exception, its message and HTTP status.</summary>
public sealed class AwsException(string code, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    /// <summary>Whose fault it is, in the words of SQS's query errors: the caller's or AWS's.</summary>
    public string Fault => StatusCode >= StatusCodes.Status500InternalServerError ? "Receiver" : "Sender";

    public static AwsException Validation(string message) => new("ValidationException", message);

    /// <summary>The value of a required member, or AWS's validation error naming it.</summary>
    public static string Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw Validation($"1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null") : value;
}
