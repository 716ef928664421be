using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Contracts;

namespace Ecommerce.Products;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(ProductInput))]
[JsonSerializable(typeof(Page<Product>))]
[JsonSerializable(typeof(CatalogueRepublished))]
internal sealed partial class ProductJsonContext : JsonSerializerContext;
