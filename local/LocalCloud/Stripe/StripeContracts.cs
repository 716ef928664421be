namespace Ecommerce.LocalCloud.Stripe;

// Stripe's objects as its API returns them, in the fields the shop reads; Stripe.net leaves the rest null.
public sealed record Card(string Brand, string Last4, int ExpMonth, int ExpYear, string Funding)
{
    public string Country => "US";
}

public sealed record PaymentMethod(string Id, Card Card, long Created)
{
    public string Object => "payment_method";
    public string Type => "card";
    public bool Livemode => false;
    public IReadOnlyDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();
}

public sealed record PaymentIntent(
    string Id,
    long Amount,
    long AmountCapturable,
    long AmountReceived,
    string Currency,
    string Status,
    string CaptureMethod,
    string? PaymentMethod,
    string? LatestCharge,
    IReadOnlyDictionary<string, string> Metadata,
    long Created,
    long? CanceledAt = null,
    string? CancellationReason = null,
    StripeErrorDetail? LastPaymentError = null)
{
    public string Object => "payment_intent";
    public bool Livemode => false;
    public string ConfirmationMethod => "automatic";
    public IReadOnlyList<string> PaymentMethodTypes { get; } = ["card"];
}

/// <summary>Stripe's error object; a card error also carries the payment intent it left behind, as Stripe's does.</summary>
public sealed record StripeErrorDetail(
    string Type,
    string Message,
    string? Code = null,
    string? DeclineCode = null,
    string? Param = null,
    PaymentIntent? PaymentIntent = null);

public sealed record StripeErrorBody(StripeErrorDetail Error);

public sealed record PaymentIntentList(IReadOnlyList<PaymentIntent> Data, bool HasMore)
{
    public string Object => "list";
    public string Url => "/v1/payment_intents";
}

/// <summary>A list's <c>created[gte|gt|lte|lt]</c> bounds, in Unix seconds; each one unset holds nothing back.</summary>
public sealed record CreatedRange(long? AtOrAfter, long? After, long? AtOrBefore, long? Before)
{
    public bool Holds(long created) =>
        created >= (AtOrAfter ?? long.MinValue) && created > (After ?? long.MinValue)
        && created <= (AtOrBefore ?? long.MaxValue) && created < (Before ?? long.MaxValue);
}
