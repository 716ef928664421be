using Ecommerce.TestSupport;

namespace Ecommerce.Products.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class PrecompiledTypesTests(LocalEdge edge) : PrecompiledTypesTests<Program>(edge);
