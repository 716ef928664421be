namespace Ecommerce.Storefront.Shop;

/// <summary>How much of a product is left, as a shopper reads it: "In stock", "Only 3 left", "Out of stock".</summary>
public static class StockWords
{
    /// <summary>Up to this many units left, the shopper is told how many.</summary>
    public const int FewLeft = 5;

    /// <summary>
    /// The words for <paramref name="available"/> units; null when the stock could not be read, so nothing is said.
    /// A product Inventory does not hold (not yet stocked) cannot be ordered: it reads as out of stock.
    /// </summary>
    public static string? For(IReadOnlyDictionary<string, int>? availability, string productId) =>
        availability is null ? null
        : availability.GetValueOrDefault(productId) switch
        {
            <= 0 => "Out of stock",
            var left and <= FewLeft => $"Only {left} left",
            _ => "In stock",
        };

    /// <summary>True when the stock was read and none is left; unread stock does not stop a shopper adding.</summary>
    public static bool IsOut(IReadOnlyDictionary<string, int>? availability, string productId) =>
        availability is not null && availability.GetValueOrDefault(productId) <= 0;
}
