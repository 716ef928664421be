using System.Text.Json;
using System.Text.Json.Serialization;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Paging;

namespace Ecommerce.Ordering;

/// <summary>An order: a checkout that reached Ordering. It keeps the card's last four digits only.</summary>
public sealed record Order(
    string UserName,
    string OrderDate,
    string OrderId,
    decimal TotalPrice,
    IReadOnlyList<OrderItem> Items,
    string FirstName,
    string LastName,
    string Email,
    string Address,
    int PaymentMethod,
    string CardLast4)
{
    public static Order From(CheckoutBasketEvent checkout) => new(
        checkout.UserName,
        checkout.CheckedOutAt,
        checkout.CheckoutId,
        checkout.TotalPrice,
        [.. checkout.Items.Select(i => new OrderItem(i.ProductId, i.ProductName, i.Color, i.Quantity, i.Price))],
        checkout.FirstName,
        checkout.LastName,
        checkout.Email,
        checkout.Address,
        checkout.PaymentMethod,
        checkout.CardLast4);
}

public sealed record OrderItem(string ProductId, string? ProductName, string? Color, int Quantity, decimal Price);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Page<Order>))]
internal sealed partial class OrderJsonContext : JsonSerializerContext;
