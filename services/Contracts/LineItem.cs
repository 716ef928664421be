namespace Ecommerce.Contracts;

/// <summary>One line of a basket, of the checkout event it becomes, and of the order it makes.</summary>
public sealed record LineItem(string ProductId, string? ProductName, string? Color, int Quantity, decimal Price)
{
    /// <summary>Σ price × quantity, in decimal, rounded to cents.</summary>
    public static decimal Total(IEnumerable<LineItem> items) =>
        decimal.Round(items.Sum(item => item.Price * item.Quantity), Limits.MoneyDecimals, MidpointRounding.AwayFromZero);
}
