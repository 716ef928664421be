using Ecommerce.TestSupport;

namespace Ecommerce.Products.Tests;

[CollectionDefinition(Name)]
public sealed class LocalEdgeDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "edge";
}

/// <summary>The Product service in memory against the edge, with tables of its own.</summary>
public sealed class ProductService(LocalEdge edge) : ServiceFactory<Program>(edge);
