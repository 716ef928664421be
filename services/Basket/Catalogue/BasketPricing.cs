using Ecommerce.Contracts;

namespace Ecommerce.Baskets.Catalogue;

/// <summary>
/// A basket priced from the catalogue as it is now: every line named and priced from Basket's view, the
/// total their sum. Lines whose product is deleted, or unknown to the view, keep their last name and price
/// (unknown: none and 0) and are listed in <see cref="Unavailable"/>: such a basket cannot be checked out.
/// </summary>
internal sealed record PricedBasket(Basket Basket, IReadOnlyList<int> Unavailable)
{
    /// <summary>The unavailable lines as field errors, <c>items[i].productId</c>, for a 400 or a 409.</summary>
    public Dictionary<string, string[]> Errors() => Unavailable.ToDictionary(
        index => $"items[{index}].productId",
        index => new[] { Basket.Items[index].ProductName is { } name ? $"\"{name}\" is no longer sold." : "There is no such product in the catalogue." });
}

/// <summary>Prices baskets from <see cref="CatalogueView"/>; a client's price or product name never counts.</summary>
internal sealed class BasketPricing(CatalogueView view)
{
    public async Task<PricedBasket> PriceAsync(string userName, IReadOnlyList<BasketLine> lines, CancellationToken cancellationToken) =>
        Price(userName, lines, await view.FindAsync(lines.Select(l => l.ProductId), cancellationToken));

    /// <summary>A page of baskets, priced with one read of the view for all their products.</summary>
    public async Task<IReadOnlyList<Basket>> PriceAsync(IReadOnlyList<StoredBasket> baskets, CancellationToken cancellationToken)
    {
        var catalogue = await view.FindAsync(baskets.SelectMany(b => b.Lines).Select(l => l.ProductId), cancellationToken);
        return [.. baskets.Select(b => Price(b.UserName, b.Lines, catalogue).Basket)];
    }

    private static PricedBasket Price(string userName, IReadOnlyList<BasketLine> lines, Dictionary<string, CatalogueEntry> catalogue)
    {
        var unavailable = new List<int>();
        var items = lines.Select((line, index) =>
        {
            var entry = catalogue.GetValueOrDefault(line.ProductId);
            if (entry is not { Deleted: false })
            {
                unavailable.Add(index);
            }

            return new LineItem(line.ProductId, entry?.Name, line.Color, line.Quantity, entry?.Price ?? 0m);
        }).ToList();
        return new PricedBasket(new Basket(userName, items, LineItem.Total(items)), unavailable);
    }
}
