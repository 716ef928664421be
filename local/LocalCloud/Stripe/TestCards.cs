namespace Ecommerce.LocalCloud.Stripe;

/// <summary>How the issuer declines a card when a payment is confirmed: Stripe's error code, decline code and message.</summary>
public sealed record CardDecline(string Code, string DeclineCode, string Message);

/// <summary>
/// Stripe's test cards: any number passing the Luhn check makes a payment method, and those below are declined when a
/// payment intent is confirmed with it, as Stripe declines them (not when the payment method is made).
/// </summary>
public static class TestCards
{
    private static readonly Dictionary<string, CardDecline> Declines = new(StringComparer.Ordinal)
    {
        ["4000000000000002"] = new("card_declined", "generic_decline", "Your card was declined."),
        ["4000000000009995"] = new("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        ["4000000000000069"] = new("expired_card", "expired_card", "Your card has expired."),
    };

    /// <summary>Stripe's ready-made test payment methods, usable in place of a payment method id with any test key.</summary>
    private static readonly Dictionary<string, string> ReadyMade = new(StringComparer.Ordinal)
    {
        ["pm_card_visa"] = "4242424242424242",
        ["pm_card_chargeDeclined"] = "4000000000000002",
        ["pm_card_chargeDeclinedInsufficientFunds"] = "4000000000009995",
        ["pm_card_chargeDeclinedExpiredCard"] = "4000000000000069",
    };

    public static CardDecline? DeclineOf(string number) => Declines.GetValueOrDefault(number);

    /// <summary>The number behind a ready-made test payment method such as <c>pm_card_visa</c>.</summary>
    public static string? NumberOf(string paymentMethodId) => ReadyMade.GetValueOrDefault(paymentMethodId);

    public static bool PassesLuhn(string number)
    {
        var sum = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var digit = number[number.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? digit : digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
        }

        return sum % 10 == 0;
    }

    /// <summary>The brand by the number's first digits, in Stripe's words.</summary>
    public static string BrandOf(string number) => number switch
    {
        ['4', ..] => "visa",
        ['3', '4' or '7', ..] => "amex",
        ['5', >= '1' and <= '5', ..] => "mastercard",
        ['2', ..] when int.Parse(number[..4], System.Globalization.CultureInfo.InvariantCulture) is >= 2221 and <= 2720 => "mastercard",
        ['6', '0', '1', '1', ..] or ['6', '5', ..] => "discover",
        ['3', '5', ..] => "jcb",
        ['3', '0' or '6' or '8', ..] => "diners",
        _ => "unknown",
    };
}
