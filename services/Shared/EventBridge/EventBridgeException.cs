using System.Net;

namespace Ecommerce.Shared.EventBridge;

/// <summary>EventBridge refused a call: its error code (e.g. <c>ThrottlingException</c>) and HTTP status.</summary>
public class EventBridgeException : Exception
{
    public EventBridgeException()
    {
    }

    public EventBridgeException(string message)
        : base(message)
    {
    }

    public EventBridgeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EventBridgeException(string message, string errorCode, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    public string ErrorCode { get; } = "";

    public HttpStatusCode StatusCode { get; }

    /// <summary>The typed exception for an error code, as AWSSDK.EventBridge would raise it.</summary>
    internal static EventBridgeException For(string message, string errorCode, HttpStatusCode statusCode, Exception? innerException = null) => errorCode switch
    {
        "ResourceNotFoundException" => new EventBridgeResourceNotFoundException(message, statusCode, innerException),
        "ResourceAlreadyExistsException" => new EventBridgeResourceAlreadyExistsException(message, statusCode, innerException),
        "InvalidEventPatternException" => new EventBridgeInvalidEventPatternException(message, statusCode, innerException),
        _ => new EventBridgeException(message, errorCode, statusCode, innerException),
    };
}

/// <summary>The bus or rule named does not exist.</summary>
public sealed class EventBridgeResourceNotFoundException(string message, HttpStatusCode statusCode, Exception? innerException = null)
    : EventBridgeException(message, "ResourceNotFoundException", statusCode, innerException);

/// <summary>A bus of that name already exists.</summary>
public sealed class EventBridgeResourceAlreadyExistsException(string message, HttpStatusCode statusCode, Exception? innerException = null)
    : EventBridgeException(message, "ResourceAlreadyExistsException", statusCode, innerException);

/// <summary>The rule's event pattern is not one EventBridge accepts.</summary>
public sealed class EventBridgeInvalidEventPatternException(string message, HttpStatusCode statusCode, Exception? innerException = null)
    : EventBridgeException(message, "InvalidEventPatternException", statusCode, innerException);
