namespace Ecommerce.Contracts;

/// <summary>
/// An order's money at the payment provider, as Payment keeps it: the payment intent, the card's brand and last four
/// digits as the provider read them, the decline code of a declined card, and the amount in money (cents only on the
/// provider's wire).
/// </summary>
public sealed record Payment(
    string OrderId,
    PaymentStatus Status,
    string? PaymentIntentId,
    decimal Amount,
    string? Brand,
    string? Last4,
    string? DeclineCode,
    string UpdatedAt);
