using Ecommerce.TestSupport;

namespace Ecommerce.Ordering.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class PrecompiledTypesTests(LocalEdge edge) : PrecompiledTypesTests<Program>(edge);
