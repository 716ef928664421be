namespace Ecommerce.Contracts;

/// <summary>
/// A payment method's id at the provider (Stripe's <c>pm_…</c>): 1 to <see cref="Limits.PaymentMethodId"/>
/// letters, digits and underscores, as <see cref="Limits.PaymentMethodIdPattern"/> states it for the checkout input.
/// </summary>
public static class PaymentMethodId
{
    /// <summary>Whether an event's payment method id is one: the rule Ordering and Payment both apply to what they consume.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: >= 1 and <= Limits.PaymentMethodId } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
