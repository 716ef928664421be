using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Shared.Paging;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Products;

/// <summary>A product of the catalogue.</summary>
public sealed record Product(string Id, string Name, string? Description, string? ImageFile, decimal Price, string Category);

/// <summary>The fields a client sets when it creates or replaces a product.</summary>
public sealed record ProductInput(
    [Required, StringLength(200, MinimumLength = 1), PlainText] string? Name,
    [StringLength(4000), PlainText(AllowLineBreaks = true)] string? Description,
    [StringLength(1024), PlainText] string? ImageFile,
    [Required, Money] decimal? Price,
    [Required, StringLength(ProductInput.MaxCategoryLength, MinimumLength = 1), PlainText] string? Category)
{
    public const int MaxCategoryLength = 100;
}

/// <summary>A stored product and the version its ETag carries.</summary>
public sealed record VersionedProduct(Product Product, long Version)
{
    public string ETag => $"\"{Version}\"";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(ProductInput))]
[JsonSerializable(typeof(Page<Product>))]
internal sealed partial class ProductJsonContext : JsonSerializerContext;
