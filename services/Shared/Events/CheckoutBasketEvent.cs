using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Contracts;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Shared.Events;

/// <summary>
/// The detail of the <c>CheckoutBasket</c> event: Basket publishes it, Ordering turns it into an order.
/// It carries the payment method's id at the provider, never card data.
/// </summary>
public sealed record CheckoutBasketEvent(
    string CheckoutId,
    string UserName,
    decimal TotalPrice,
    IReadOnlyList<LineItem> Items,
    string FirstName,
    string LastName,
    string Email,
    string Address,
    string PaymentMethodId,
    string CheckedOutAt)
{
    public const string Source = ResourceDefinitions.CheckoutEventSource;
    public const string DetailType = ResourceDefinitions.CheckoutEventDetailType;

    /// <summary>
    /// ISO-8601 UTC with milliseconds and a fixed width, so that the text sorts as the time does
    /// (Ordering uses it as the sort key of a user's orders).
    /// </summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static bool IsValidTime(string? text) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CheckoutBasketEvent))]
public sealed partial class CheckoutEventJsonContext : JsonSerializerContext;
