using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Shared.Paging;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Baskets;

/// <summary>A user's basket as the API shows it, with the total the server computed.</summary>
public sealed record Basket(string UserName, IReadOnlyList<BasketItem> Items, decimal TotalPrice);

/// <summary>One line of a basket.</summary>
public sealed record BasketItem(string ProductId, string? ProductName, string? Color, int Quantity, decimal Price);

/// <summary>What a client sends to create or replace a basket; any total it sends is ignored.</summary>
public sealed record BasketInput(
    [Required, StringLength(BasketInput.MaxUserNameLength, MinimumLength = 1), PlainText] string? UserName,
    [Required, MaxCount(100), NoNullElements] List<BasketItemInput>? Items)
{
    public const int MaxUserNameLength = 100;
}

public sealed record BasketItemInput(
    [Required, StringLength(100, MinimumLength = 1), PlainText] string? ProductId,
    [StringLength(200), PlainText] string? ProductName,
    [StringLength(50), PlainText] string? Color,
    [Required, Range(1, 1000)] int? Quantity,
    [Required, Money] decimal? Price);

/// <summary>What a client sends to check a basket out. The card number never leaves this request.</summary>
public sealed record CheckoutInput(
    [Required, StringLength(BasketInput.MaxUserNameLength, MinimumLength = 1), PlainText] string? UserName,
    [Required, StringLength(100, MinimumLength = 1), PlainText] string? FirstName,
    [Required, StringLength(100, MinimumLength = 1), PlainText] string? LastName,
    [Required, EmailAddress, StringLength(254), PlainText] string? Email,
    [Required, StringLength(500, MinimumLength = 1), PlainText(AllowLineBreaks = true)] string? Address,
    [Required, Range(0, 100)] int? PaymentMethod,
    [Required, RegularExpression("^[0-9]{12,19}$", ErrorMessage = "The CardInfo field must be the card number as 12 to 19 digits.")] string? CardInfo)
{
    public string CardLast4 => CardInfo![^4..];

    // Records print every member; this one must never print the card number, wherever it is logged.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("UserName = ").Append(UserName).Append(", CardInfo = ****");
        return true;
    }
}

/// <summary>The answer to an accepted checkout.</summary>
public sealed record CheckoutAccepted(string CheckoutId, string UserName, decimal TotalPrice);

/// <summary>The total of a basket: Σ price × quantity, in decimal, rounded to cents.</summary>
public static class BasketTotal
{
    public static decimal Of(IEnumerable<BasketItem> items) =>
        decimal.Round(items.Sum(item => item.Price * item.Quantity), 2, MidpointRounding.AwayFromZero);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Basket))]
[JsonSerializable(typeof(BasketInput))]
[JsonSerializable(typeof(CheckoutInput))]
[JsonSerializable(typeof(CheckoutAccepted))]
[JsonSerializable(typeof(Page<Basket>))]
internal sealed partial class BasketJsonContext : JsonSerializerContext;
