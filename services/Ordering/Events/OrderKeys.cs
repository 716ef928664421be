using Ecommerce.Contracts;
using Ecommerce.Shared.Events;

namespace Ecommerce.Ordering.Events;

/// <summary>What an event naming an order must carry for Ordering to look for it: a GUID id, a possible user, an order date.</summary>
internal static class OrderKeys
{
    public static bool IsValid(string? orderId, string? userName, string? orderDate) =>
        Guid.TryParse(orderId, out _)
        && PlainText.IsRequiredText(userName, Limits.UserName)
        && CheckoutBasketEvent.IsValidTime(orderDate);
}
