namespace Ecommerce.Contracts;

/// <summary>An order: a checkout that reached Ordering. It names the payment method at the provider, never card data.</summary>
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
    string PaymentMethodId);
