using Ecommerce.TestSupport;

namespace Ecommerce.Baskets.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class PrecompiledTypesTests(LocalEdge edge) : PrecompiledTypesTests<Program>(edge);
