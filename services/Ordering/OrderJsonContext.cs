using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Contracts;

namespace Ecommerce.Ordering;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Page<Order>))]
internal sealed partial class OrderJsonContext : JsonSerializerContext;
