using System.Text.RegularExpressions;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// Where a product's picture is: its <c>imageFile</c>, a plain file name, under the storefront's own
/// <c>images/</c>. Anything else (a path, an address) is no picture, so the page shows its placeholder.
/// </summary>
public static partial class ProductImages
{
    public static string? Source(string? imageFile) =>
        imageFile is not null && FileName().IsMatch(imageFile) ? $"images/{Uri.EscapeDataString(imageFile)}" : null;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(svg|webp|png|jpe?g|avif)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();
}
