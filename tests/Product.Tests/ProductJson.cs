using System.Net.Http.Json;
using System.Text.Json;

namespace Ecommerce.Products.Tests;

/// <summary>What the tests send and read, as plain JSON shapes.</summary>
internal sealed record ProductDto(string Id, string Name, string? Description, string? ImageFile, decimal Price, string Category);

internal sealed record ProductPageDto(List<ProductDto> Items, string? NextToken);

internal static class ProductRequests
{
    public static object Valid(string name = "Aurora X", string category = "Phones", decimal price = 499.99m) =>
        new { name, description = "A phone.", imageFile = "aurora.png", price, category };

    public static async Task<ProductDto> CreateAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/product", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ProductDto>())!;
    }
}
