using Ecommerce.Contracts;
using Ecommerce.Shared.Events;

namespace Ecommerce.Ordering;

internal static class Orders
{
    /// <summary>
    /// The order a checkout makes, Submitted with its payment Pending: its user, its time as the order's date, its
    /// id as the order's, and the checkout's trace header, which the order's events carry on.
    /// </summary>
    public static StoredOrder From(CheckoutBasketEvent checkout, string? traceHeader, DateTimeOffset now) => new(
        new Order(
            checkout.UserName,
            checkout.CheckedOutAt,
            checkout.CheckoutId,
            checkout.TotalPrice,
            checkout.Items,
            checkout.FirstName,
            checkout.LastName,
            checkout.Email,
            checkout.Address,
            OrderStatus.Submitted,
            CancelReason: null,
            CheckoutBasketEvent.FormatTime(now),
            new OrderPayment(PaymentStatus.Pending, PaymentIntentId: null, Brand: null, Last4: null, DeclineCode: null)),
        checkout.PaymentMethodId,
        Version: 1,
        traceHeader);

    /// <summary>The detail of the event that tells Inventory and Payment where the order now is.</summary>
    public static OrderEvent EventOf(StoredOrder stored) => new(
        stored.Order.OrderId,
        stored.Order.UserName,
        stored.Order.OrderDate,
        stored.Order.Status,
        stored.Order.CancelReason,
        stored.Order.TotalPrice,
        stored.Order.Items,
        stored.PaymentMethodId,
        stored.Version);
}
