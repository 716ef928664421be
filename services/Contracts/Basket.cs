using System.ComponentModel.DataAnnotations;

namespace Ecommerce.Contracts;

/// <summary>A user's basket as the API shows it, with the total the server computed.</summary>
public sealed record Basket(string UserName, IReadOnlyList<LineItem> Items, decimal TotalPrice);

/// <summary>What a client sends to create or replace a basket; names, prices and totals come from the catalogue.</summary>
public sealed record BasketInput(
    [Required, StringLength(Limits.UserName, MinimumLength = 1), PlainText] string? UserName,
    [Required, MaxCount(Limits.BasketItems), NoNullElements] List<BasketItemInput>? Items) : IForUser;

/// <summary>One line a client puts in a basket: which product, in which colour, how many. A name or price it sends has no effect.</summary>
public sealed record BasketItemInput(
    [Required, StringLength(Limits.ProductId, MinimumLength = 1), PlainText] string? ProductId,
    [StringLength(Limits.Color), PlainText] string? Color,
    [Required, Range(Limits.MinQuantity, Limits.MaxQuantity)] int? Quantity);

/// <summary>
/// What a client sends to check a basket out. It pays with a payment method the browser made at the provider;
/// card data never reaches the shop, and a body that still carries it is refused.
/// </summary>
public sealed record CheckoutInput(
    [Required, StringLength(Limits.UserName, MinimumLength = 1), PlainText] string? UserName,
    [Required, StringLength(Limits.FirstName, MinimumLength = 1), PlainText] string? FirstName,
    [Required, StringLength(Limits.LastName, MinimumLength = 1), PlainText] string? LastName,
    [Required, EmailAddress, StringLength(Limits.Email), PlainText] string? Email,
    [Required, StringLength(Limits.Address, MinimumLength = 1), PlainText(AllowLineBreaks = true)] string? Address,
    [Required, StringLength(Limits.PaymentMethodId, MinimumLength = 1),
     RegularExpression(Limits.PaymentMethodIdPattern, ErrorMessage = "The {0} field must be a payment method's id at the provider: letters, digits and underscores.")]
    string? PaymentMethodId)
    : IForUser
{
    public const string NoCardData = "Card numbers never reach this service: create a payment method at the provider and send its paymentMethodId.";

    // No [JsonIgnore] on these: minimal API validation skips a member that has one.

    /// <summary>The card number checkout once took: refused.</summary>
    [Refused(NoCardData)]
    public RefusedField? CardInfo { get; init; }

    /// <summary>The kind of card checkout once took: refused, so an old client learns at once.</summary>
    [Refused(NoCardData)]
    public RefusedField? PaymentMethod { get; init; }
}

/// <summary>The optional header of a checkout: a retry with the same key answers with the first checkout's result.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>1 to <see cref="Limits.IdempotencyKey"/> visible ASCII characters (<c>!</c> to <c>~</c>; no spaces).</summary>
    public static bool IsValid(string key) =>
        key.Length is >= 1 and <= Limits.IdempotencyKey && key.All(c => c is >= '!' and <= '~');
}

/// <summary>The answer to an accepted checkout.</summary>
public sealed record CheckoutAccepted(string CheckoutId, string UserName, decimal TotalPrice);

/// <summary>A request made for one user: a shopper may make it only for themselves.</summary>
public interface IForUser
{
    string? UserName { get; }
}
