using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// Every shape the storefront reads or sends, the payment provider's too, generated at build time: trimming keeps
/// exactly these. Nulls are left out, so a basket line goes out as productId, color and quantity only.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ShopSettings))]
[JsonSerializable(typeof(Page<Product>))]
[JsonSerializable(typeof(ProductInput))]
[JsonSerializable(typeof(Basket))]
[JsonSerializable(typeof(BasketInput))]
[JsonSerializable(typeof(CheckoutInput))]
[JsonSerializable(typeof(CheckoutAccepted))]
[JsonSerializable(typeof(Page<Order>))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Availability))]
[JsonSerializable(typeof(StockRecord))]
[JsonSerializable(typeof(SetStockInput))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ProviderPaymentMethod))]
[JsonSerializable(typeof(ProviderError))]
internal sealed partial class StorefrontJson : JsonSerializerContext;
