using System.Net.Http.Json;

namespace Ecommerce.TestSupport;

/// <summary>The request bodies the tests send, written once.</summary>
public static class ShopRequests
{
    /// <summary>A test card number (Visa's); only its last four digits may ever leave the checkout request.</summary>
    public const string CardNumber = "4111111111111111";

    /// <summary>A valid checkout of the user's basket.</summary>
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

    /// <summary>Adds a product to the catalogue through Product's API (as an admin's client) and returns its id.</summary>
    public static async Task<string> CreateProductAsync(HttpClient products, string name, decimal price)
    {
        using var created = await products.PostAsJsonAsync("/product", new { name, price, category = "Kitchen" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Saves the basket once Basket's view knows every product in it: the view follows the catalogue a
    /// moment behind (Product's stream, EventBridge, SQS), and until then the basket is a 400 naming the product.
    /// </summary>
    public static async Task<HttpResponseMessage> SaveBasketAsync(HttpClient baskets, string userName, params (string ProductId, int Quantity)[] items)
    {
        var saved = await Eventually.HoldsAsync(
            () => baskets.PostAsJsonAsync("/basket", new { userName, items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) }),
            response => response.StatusCode != System.Net.HttpStatusCode.BadRequest,
            TimeSpan.FromSeconds(30),
            $"{userName}'s basket of products Basket's view knows");
        Xunit.Assert.Equal(System.Net.HttpStatusCode.OK, saved.StatusCode);
        return saved;
    }

    /// <summary><see cref="Checkout"/> as a request, with an Idempotency-Key when given.</summary>
    public static HttpRequestMessage CheckoutRequest(string userName, string? idempotencyKey = null, string cardInfo = CardNumber)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/basket/checkout") { Content = JsonContent.Create(Checkout(userName, cardInfo)) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }
}
