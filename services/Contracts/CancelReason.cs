namespace Ecommerce.Contracts;

/// <summary>Why an order was cancelled.</summary>
public enum CancelReason
{
    OutOfStock,
    PaymentDeclined,
    ByShopper,
    ByAdmin,
    Expired,
}
