using Ecommerce.Contracts;

namespace Ecommerce.Products;

/// <summary>A stored product and the version its ETag carries.</summary>
public sealed record VersionedProduct(Product Product, long Version)
{
    public string ETag => $"\"{Version}\"";
}

/// <summary>The answer to a republish: how many products' events go out again.</summary>
public sealed record CatalogueRepublished(int Products);
