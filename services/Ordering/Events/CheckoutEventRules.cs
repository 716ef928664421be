using System.ComponentModel.DataAnnotations;
using Ecommerce.Contracts;
using Ecommerce.Shared.Events;

namespace Ecommerce.Ordering.Events;

/// <summary>
/// What a checkout event must be for Ordering to store it: exactly what Basket can publish, by the
/// same limits (<see cref="Limits"/>). This guards the table against any other publisher on the bus.
/// </summary>
internal static class CheckoutEventRules
{
    private static readonly EmailAddressAttribute EmailAddress = new();

    public static bool IsValid(CheckoutBasketEvent checkout) =>
        Guid.TryParse(checkout.CheckoutId, out _)
        && PlainText.IsRequiredText(checkout.UserName, Limits.UserName)
        && checkout.Items is { Count: >= 1 and <= Limits.BasketItems } items
        && items.All(IsValid)
        && Money.IsAmount(checkout.TotalPrice) && checkout.TotalPrice == LineItem.Total(items)
        && PlainText.IsRequiredText(checkout.FirstName, Limits.FirstName)
        && PlainText.IsRequiredText(checkout.LastName, Limits.LastName)
        && PlainText.IsRequiredText(checkout.Email, Limits.Email) && EmailAddress.IsValid(checkout.Email)
        && PlainText.IsRequiredText(checkout.Address, Limits.Address, allowLineBreaks: true)
        && PaymentMethodId.IsValid(checkout.PaymentMethodId)
        && CheckoutBasketEvent.IsValidTime(checkout.CheckedOutAt);

    private static bool IsValid(LineItem? item) =>
        item is not null
        && PlainText.IsRequiredText(item.ProductId, Limits.ProductId)
        && PlainText.IsRequiredText(item.ProductName, Limits.ProductName)
        && PlainText.IsOptionalText(item.Color, Limits.Color)
        && item.Quantity is >= Limits.MinQuantity and <= Limits.MaxQuantity
        && Money.IsPrice(item.Price);
}
