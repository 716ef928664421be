using Ecommerce.Contracts;

namespace Ecommerce.Products;

/// <summary>A stored product and the version its ETag carries.</summary>
internal sealed record VersionedProduct(Product Product, long Version)
{
    public string ETag => $"\"{Version}\"";
}

