using System.Text.Json;

namespace Ecommerce.Baskets.Tests;

internal sealed record BasketItemDto(string ProductId, string? ProductName, string? Color, int Quantity, decimal Price);

internal sealed record BasketDto(string UserName, List<BasketItemDto> Items, decimal TotalPrice);

internal sealed record BasketPageDto(List<BasketDto> Items, string? NextToken);

internal sealed record CheckoutAcceptedDto(string CheckoutId, string UserName, decimal TotalPrice);

internal sealed record ProblemDto(string? Title, int Status, Dictionary<string, string[]>? Errors);

internal static class BasketRequests
{
    public const string CardNumber = "4111111111111111";

    public static object Basket(string userName, params (string ProductId, int Quantity, decimal Price)[] items) => new
    {
        userName,
        items = items.Select(i => new { productId = i.ProductId, productName = "Name of " + i.ProductId, color = "Black", quantity = i.Quantity, price = i.Price }),
    };

    public static object Checkout(string userName, string cardInfo = CardNumber) => new
    {
        userName,
        firstName = "Ada",
        lastName = "Lovelace",
        email = "ada@example.com",
        address = "12 St James's Square, London",
        paymentMethod = 1,
        cardInfo,
    };

    public static async Task<ProblemDto> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        return JsonSerializer.Deserialize<ProblemDto>(text, JsonSerializerOptions.Web)!;
    }
}
