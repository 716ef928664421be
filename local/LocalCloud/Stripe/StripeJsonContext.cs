using System.Text.Json.Serialization;

namespace Ecommerce.LocalCloud.Stripe;

/// <summary>Stripe's JSON shapes, source-generated, in Stripe's snake_case; absent values are left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PaymentMethod))]
[JsonSerializable(typeof(PaymentIntent))]
[JsonSerializable(typeof(PaymentIntentList))]
[JsonSerializable(typeof(StripeErrorBody))]
public sealed partial class StripeJsonContext : JsonSerializerContext;
