using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// Every shape the storefront reads or sends, generated at build time: trimming keeps exactly these. Nulls are
/// left out, so a basket line goes out as productId, color and quantity only.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShopSettings))]
[JsonSerializable(typeof(Page<Product>))]
[JsonSerializable(typeof(ProductInput))]
[JsonSerializable(typeof(Basket))]
[JsonSerializable(typeof(BasketInput))]
[JsonSerializable(typeof(CheckoutInput))]
[JsonSerializable(typeof(CheckoutAccepted))]
[JsonSerializable(typeof(Page<Order>))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StorefrontJson : JsonSerializerContext
{
    /// <summary>A checkout as sent: without the contract's derived CardLast4, so the card number goes once, as typed.</summary>
    public static JsonTypeInfo<CheckoutInput> CheckoutRequest => field ??= WithoutCardLast4();

    private static JsonTypeInfo<CheckoutInput> WithoutCardLast4()
    {
        var options = new JsonSerializerOptions(Default.Options)
        {
            TypeInfoResolver = Default.WithAddedModifier(type =>
            {
                if (type.Type == typeof(CheckoutInput))
                {
                    type.Properties.Remove(type.Properties.Single(property => property.Name == "cardLast4"));
                }
            }),
        };
        return (JsonTypeInfo<CheckoutInput>)options.GetTypeInfo(typeof(CheckoutInput));
    }
}
