using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Forms;

/// <summary>What an admin types to add or change a product; it becomes the contract's <see cref="ProductInput"/>.</summary>
public sealed class ProductForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? ImageFile { get; set; }

    public decimal? Price { get; set; }

    public string? Category { get; set; }

    public static ProductForm From(Product product) => new()
    {
        Name = product.Name,
        Description = product.Description,
        ImageFile = product.ImageFile,
        Price = product.Price,
        Category = product.Category,
    };

    public ProductInput ToInput() => new(Name?.Trim(), Blank(Description), Blank(ImageFile), Price, Category?.Trim());

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
