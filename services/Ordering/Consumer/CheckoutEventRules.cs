using Ecommerce.Shared.Events;

namespace Ecommerce.Ordering.Consumer;

/// <summary>
/// What a checkout event must be for Ordering to store it. Basket enforces the same on its side;
/// this guards the table against any other publisher on the bus.
/// </summary>
public static class CheckoutEventRules
{
    public static bool IsValid(CheckoutBasketEvent checkout) =>
        Guid.TryParse(checkout.CheckoutId, out _)
        && IsText(checkout.UserName, 100)
        && IsMoney(checkout.TotalPrice)
        && checkout.Items is { Count: >= 1 and <= 100 }
        && checkout.Items.All(i => i is not null && IsText(i.ProductId, 100) && i.Quantity is >= 1 and <= 1000 && IsMoney(i.Price))
        && IsText(checkout.FirstName, 100)
        && IsText(checkout.LastName, 100)
        && IsText(checkout.Email, 254)
        && IsText(checkout.Address, 500)
        && checkout.CardLast4 is { Length: 4 } last4 && last4.All(char.IsAsciiDigit)
        && CheckoutBasketEvent.IsValidTime(checkout.CheckedOutAt);

    private static bool IsText(string? value, int maxLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength;

    private static bool IsMoney(decimal value) => value >= 0 && value == decimal.Round(value, 2);
}
