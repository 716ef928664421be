using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Contracts;

namespace Ecommerce.Ordering;

/// <summary>The order as the API answers it: statuses and reasons by name.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Page<Order>))]
internal sealed partial class OrderJsonContext : JsonSerializerContext;
