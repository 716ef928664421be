using Ecommerce.TestSupport;

namespace Ecommerce.Inventory.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class PrecompiledTypesTests(LocalEdge edge) : PrecompiledTypesTests<Program>(edge);
