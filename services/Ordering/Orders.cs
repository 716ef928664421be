using Ecommerce.Contracts;
using Ecommerce.Shared.Events;

namespace Ecommerce.Ordering;

public static class Orders
{
    /// <summary>The order a checkout makes: its user, its time as the order's date, its id as the order's.</summary>
    public static Order From(CheckoutBasketEvent checkout) => new(
        checkout.UserName,
        checkout.CheckedOutAt,
        checkout.CheckoutId,
        checkout.TotalPrice,
        checkout.Items,
        checkout.FirstName,
        checkout.LastName,
        checkout.Email,
        checkout.Address,
        checkout.PaymentMethodId);
}
