using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Forms;

/// <summary>What the shopper types at checkout; it becomes the contract's <see cref="CheckoutInput"/>.</summary>
public sealed class CheckoutForm
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public int PaymentMethod { get; set; } = PaymentMethods.CreditCard;

    /// <summary>The card number as typed; spaces and dashes between its digits are allowed.</summary>
    public string? CardInfo { get; set; }

    /// <summary>The contract's rules applied to what was typed, keyed by field.</summary>
    public IReadOnlyDictionary<string, string[]> Check(string userName) =>
        ContractRules.Check(ToInput(userName), (nameof(CheckoutInput.CardInfo), "Card number"));

    public CheckoutInput ToInput(string userName) => new(
        userName,
        FirstName?.Trim(),
        LastName?.Trim(),
        Email?.Trim(),
        Address?.Trim(),
        PaymentMethod,
        CardInfo is null ? null : string.Concat(CardInfo.Where(c => c is not (' ' or '-'))));
}

/// <summary>The payment methods the shop offers; the contract carries them as numbers.</summary>
public static class PaymentMethods
{
    public const int CreditCard = 1;
    public const int DebitCard = 2;

    public static IReadOnlyList<(int Value, string Name)> All { get; } = [(CreditCard, "Credit card"), (DebitCard, "Debit card")];

    public static string Name(int value) =>
        All.FirstOrDefault(method => method.Value == value).Name ?? $"Payment method {value}";
}
