using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Contracts;

namespace Ecommerce.Products;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(ProductInput))]
[JsonSerializable(typeof(Page<Product>))]
[JsonSerializable(typeof(RepublishJob))]
internal sealed partial class ProductJsonContext : JsonSerializerContext;
