using System.ComponentModel.DataAnnotations;

namespace Ecommerce.Contracts;

/// <summary>A product of the catalogue.</summary>
public sealed record Product(string Id, string Name, string? Description, string? ImageFile, decimal Price, string Category);

/// <summary>The fields a client sets when it creates or replaces a product.</summary>
public sealed record ProductInput(
    [Required, StringLength(Limits.ProductName, MinimumLength = 1), PlainText] string? Name,
    [StringLength(Limits.Description), PlainText(AllowLineBreaks = true)] string? Description,
    [StringLength(Limits.ImageFile), PlainText] string? ImageFile,
    [Required, Money] decimal? Price,
    [Required, StringLength(Limits.Category, MinimumLength = 1), PlainText] string? Category);
