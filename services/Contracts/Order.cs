namespace Ecommerce.Contracts;

/// <summary>An order: a checkout that reached Ordering. It keeps the card's last four digits only.</summary>
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
    int PaymentMethod,
    string CardLast4);
