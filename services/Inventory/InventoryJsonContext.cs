using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Contracts;

namespace Ecommerce.Inventory;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StockRecord))]
[JsonSerializable(typeof(Availability))]
[JsonSerializable(typeof(SetStockInput))]
internal sealed partial class InventoryJsonContext : JsonSerializerContext;
