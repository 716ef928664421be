using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// What a shopper does to a basket, as the basket to send. Lines go out as product, colour and quantity only:
/// the server takes names and prices from its view of the catalogue.
/// </summary>
public static class BasketChanges
{
    public static BasketInput Add(Basket basket, string productId, string? color, int quantity) =>
        AddLines(basket, [new LineItem(productId, null, color, quantity, 0m)]);

    /// <summary>
    /// The basket with <paramref name="lines"/> added: a line of a product and colour already there grows (up to the
    /// contract's most), any other is added after. An order's lines go back into the basket this way.
    /// </summary>
    public static BasketInput AddLines(Basket basket, IEnumerable<LineItem> lines)
    {
        var merged = basket.Items.Select(Line).ToList();
        foreach (var line in lines)
        {
            var same = merged.FindIndex(kept => kept.ProductId == line.ProductId && kept.Color == line.Color);
            if (same < 0)
            {
                merged.Add(Line(line));
            }
            else
            {
                merged[same] = Line(line.ProductId, line.Color, Math.Min(merged[same].Quantity!.Value + line.Quantity, Limits.MaxQuantity));
            }
        }

        return Send(basket.UserName, merged);
    }

    public static BasketInput WithQuantity(Basket basket, int index, int quantity) =>
        Send(basket.UserName, [.. basket.Items.Select((line, i) => i == index ? Line(line.ProductId, line.Color, quantity) : Line(line))]);

    public static BasketInput Without(Basket basket, int index) =>
        Send(basket.UserName, [.. basket.Items.Where((_, i) => i != index).Select(Line)]);

    /// <summary>True for a quantity the contract accepts on a line.</summary>
    public static bool IsQuantity(int quantity) => quantity is >= Limits.MinQuantity and <= Limits.MaxQuantity;

    private static BasketInput Send(string userName, List<BasketItemInput> lines) => new(userName, lines);

    private static BasketItemInput Line(LineItem line) => Line(line.ProductId, line.Color, line.Quantity);

    // The one place a line to send is made. Name and price stay null, and null is not written.
    private static BasketItemInput Line(string productId, string? color, int quantity) => new(productId, color, quantity);
}
