using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Contracts;

namespace Ecommerce.Baskets;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Basket))]
[JsonSerializable(typeof(BasketInput))]
[JsonSerializable(typeof(CheckoutInput))]
[JsonSerializable(typeof(CheckoutAccepted))]
[JsonSerializable(typeof(Page<Basket>))]
internal sealed partial class BasketJsonContext : JsonSerializerContext;
