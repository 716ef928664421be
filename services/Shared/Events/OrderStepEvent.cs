namespace Ecommerce.Shared.Events;

/// <summary>
/// The detail of what Inventory and Payment answer about an order (<c>StockReserved</c>, <c>StockRejected</c>,
/// <c>PaymentAuthorized</c>, <c>PaymentDeclined</c>, <c>PaymentCaptured</c>, <c>PaymentCaptureFailed</c>,
/// <c>PaymentVoided</c>): the order's key, and for a payment what the provider said.
/// </summary>
public sealed record OrderStepEvent(
    string OrderId,
    string UserName,
    string OrderDate,
    string? PaymentIntentId = null,
    string? Brand = null,
    string? Last4 = null,
    string? DeclineCode = null);
