using System.Globalization;
using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Forms;

/// <summary>What an admin types to add or change a product; it becomes the contract's <see cref="ProductInput"/>.</summary>
public sealed class ProductForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? ImageFile { get; set; }

    /// <summary>The price as typed, such as 19.99.</summary>
    public string? Price { get; set; }

    public string? Category { get; set; }

    public static ProductForm From(Product product) => new()
    {
        Name = product.Name,
        Description = product.Description,
        ImageFile = product.ImageFile,
        Price = product.Price.ToString(CultureInfo.InvariantCulture),
        Category = product.Category,
    };

    /// <summary>The contract's rules applied to what was typed, keyed by field; first of all, a price must be a number.</summary>
    public IReadOnlyDictionary<string, string[]> Check() =>
        !string.IsNullOrWhiteSpace(Price) && ParsedPrice is null
            ? new Dictionary<string, string[]> { ["price"] = ["Enter the price as a number, such as 19.99."] }
            : ContractRules.Check(ToInput());

    public ProductInput ToInput() => new(Name?.Trim(), Blank(Description), Blank(ImageFile), ParsedPrice, Category?.Trim());

    private decimal? ParsedPrice =>
        decimal.TryParse(Price, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) ? price : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
