using System.Globalization;
using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Shop;

/// <summary>An order's life as a shopper reads it (docs/api.md, "An order's life"): its status and why it was cancelled, in plain words.</summary>
public static class OrderWords
{
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.Submitted => "Submitted",
        OrderStatus.StockReserved => "Reserving stock",
        OrderStatus.Confirmed => "Confirmed",
        OrderStatus.Shipped => "Shipped",
        OrderStatus.Cancelled => "Cancelled",
        _ => $"{status}",
    };

    /// <summary>What the status means for the shopper, with a cancelled order's reason.</summary>
    public static string Explained(Order order) => (order.Status, order.CancelReason) switch
    {
        (OrderStatus.Submitted, _) => "We have your order and are checking the stock.",
        (OrderStatus.StockReserved, _) => "Your items are set aside; your card is being checked.",
        (OrderStatus.Confirmed, _) => "Your card is approved. We will ship your order soon.",
        (OrderStatus.Shipped, _) => "Your order is on its way.",
        (OrderStatus.Cancelled, CancelReason.OutOfStock) => "Cancelled: an item sold out before we could set it aside. Your card was not charged.",
        (OrderStatus.Cancelled, CancelReason.PaymentDeclined) => "Cancelled: your card was declined. Nothing was charged.",
        (OrderStatus.Cancelled, CancelReason.ByShopper) => "Cancelled at your request. Nothing was charged.",
        (OrderStatus.Cancelled, CancelReason.ByAdmin) => "Cancelled by the shop. Nothing was charged.",
        (OrderStatus.Cancelled, CancelReason.Expired) => "Cancelled: it could not be confirmed in time. Nothing was charged.",
        _ => "Cancelled. Nothing was charged.",
    };

    /// <summary>The shop has nothing more to do by itself: the status changes now only when someone ships or cancels it.</summary>
    public static bool IsSettled(OrderStatus status) => status is OrderStatus.Confirmed or OrderStatus.Shipped or OrderStatus.Cancelled;

    /// <summary>The contract lets an order be cancelled until it ships (a cancelled one answers unchanged, so it is not offered).</summary>
    public static bool CanCancel(OrderStatus status) => status is OrderStatus.Submitted or OrderStatus.StockReserved or OrderStatus.Confirmed;

    /// <summary>The card as the provider read it, "Visa ending 4242", or null before the provider has answered.</summary>
    public static string? Card(OrderPayment payment) => payment switch
    {
        { Brand.Length: > 0, Last4.Length: > 0 } => $"{Brand(payment.Brand)} ending {payment.Last4}",
        { Last4.Length: > 0 } => $"Card ending {payment.Last4}",
        _ => null,
    };

    // Stripe names brands in lower case: "visa", "mastercard", "amex", "unionpay"…
    private static string Brand(string brand) => brand.ToLowerInvariant() switch
    {
        "amex" or "american_express" => "American Express",
        "mastercard" => "Mastercard",
        "unionpay" => "UnionPay",
        "jcb" => "JCB",
        "diners" => "Diners Club",
        var other => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(other.Replace('_', ' ')),
    };

    /// <summary>A card declined after checkout, as Stripe's decline code tells why, and whether the basket is as it was.</summary>
    public static string Declined(string? declineCode, bool basketKept)
    {
        var why = declineCode switch
        {
            "insufficient_funds" => "Your card was declined: it does not have enough funds.",
            "expired_card" => "Your card was declined: it has expired.",
            "incorrect_cvc" => "Your card was declined: the security code is not right.",
            _ => "Your card was declined.",
        };
        return basketKept
            ? $"{why} Nothing was charged and your basket is as it was: try another card."
            : $"{why} Nothing was charged. Your order's items are listed under Your orders.";
    }

    /// <summary>Why a cancel or a ship was refused, for the one who asked.</summary>
    public static string ForChange(ApiProblem problem, bool shipping) => problem.Status switch
    {
        404 => "That order could not be found.",
        409 when shipping => "Only a confirmed order can be shipped, and this one has moved on. Its status is shown as it is now.",
        409 => "This order has shipped, so it can no longer be cancelled.",
        _ => Sentences.For(problem),
    };
}
