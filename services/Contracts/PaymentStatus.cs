namespace Ecommerce.Contracts;

/// <summary>Where an order's money is at the payment provider.</summary>
public enum PaymentStatus
{
    Pending,
    Authorized,
    Captured,
    Voided,
    Declined,
    CaptureFailed,
}
