using System.Text.Json;

namespace Ecommerce.Baskets.Tests;

internal sealed record BasketItemDto(string ProductId, string? ProductName, string? Color, int Quantity, decimal Price);

internal sealed record BasketDto(string UserName, List<BasketItemDto> Items, decimal TotalPrice);

internal sealed record BasketPageDto(List<BasketDto> Items, string? NextToken);

internal sealed record CheckoutAcceptedDto(string CheckoutId, string UserName, decimal TotalPrice);

internal static class BasketRequests
{
    public static object Basket(string userName, params (string ProductId, int Quantity, decimal Price)[] items) => new
    {
        userName,
        items = items.Select(i => new { productId = i.ProductId, productName = "Name of " + i.ProductId, color = "Black", quantity = i.Quantity, price = i.Price }),
    };
}
