using Ecommerce.TestSupport;

namespace Ecommerce.Products.Tests;

[CollectionDefinition(Name)]
public sealed class LocalAwsDefinition : ICollectionFixture<LocalAws>
{
    public const string Name = "aws";
}

/// <summary>The Product service in memory against the shared DynamoDB, with tables of its own.</summary>
public sealed class ProductService(LocalAws aws) : ServiceFactory<Program>(aws);
