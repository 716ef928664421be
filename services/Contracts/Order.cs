namespace Ecommerce.Contracts;

/// <summary>
/// An order: a checkout that reached Ordering, where it is in its life, and its payment as the provider
/// reported it. It holds no card data; the payment method's id stays inside the system.
/// </summary>
public sealed record Order(
    string UserName,
    string OrderDate,
    string OrderId,
    decimal TotalPrice,
    IReadOnlyList<LineItem> Items,
    string FirstName,
    string LastName,
    string Email,
    string Address,
    OrderStatus Status,
    CancelReason? CancelReason,
    string UpdatedAt,
    OrderPayment Payment);

/// <summary>An order's money at the provider: <paramref name="Brand"/> and <paramref name="Last4"/> come from the provider, never the client.</summary>
public sealed record OrderPayment(PaymentStatus Status, string? PaymentIntentId, string? Brand, string? Last4, string? DeclineCode);
