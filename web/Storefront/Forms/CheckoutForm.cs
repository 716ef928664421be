using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Forms;

/// <summary>
/// What the shopper types at checkout, but the card: it becomes the contract's <see cref="CheckoutInput"/> with the
/// id of the payment method the provider made from the card (<see cref="PaymentElement"/>).
/// </summary>
public sealed class CheckoutForm
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    /// <summary>The contract's rules applied to what was typed, keyed by field; the payment method comes later.</summary>
    public IReadOnlyDictionary<string, string[]> Check(string userName) =>
        ContractRules.Check(ToInput(userName, paymentMethodId: null))
            .Where(error => error.Key != "paymentMethodId")
            .ToDictionary();

    public CheckoutInput ToInput(string userName, string? paymentMethodId) => new(
        userName,
        FirstName?.Trim(),
        LastName?.Trim(),
        Email?.Trim(),
        Address?.Trim(),
        paymentMethodId);
}
