using System.Net.Http.Json;

namespace Ecommerce.TestSupport;

/// <summary>The request bodies the tests send, written once.</summary>
public static class ShopRequests
{
    /// <summary>A test card number (Visa's): the services must refuse it, echo it nowhere and log it never.</summary>
    public const string CardNumber = "4111111111111111";

    /// <summary>Stripe's ready-made test payment method (a Visa that pays), which LocalCloud's provider knows too.</summary>
    public const string PaymentMethodId = "pm_card_visa";

    /// <summary>A valid checkout of the user's basket, paid with a payment method made at the provider.</summary>
    public static object Checkout(string userName, string paymentMethodId = PaymentMethodId) => new
    {
        userName,
        firstName = "Ada",
        lastName = "Lovelace",
        email = "ada@example.com",
        address = "12 St James's Square, London",
        paymentMethodId,
    };

    /// <summary>
    /// What the storefront's payment element does with a card: makes a payment method of it at the provider
    /// (LocalCloud's, at <paramref name="cloudUrl"/>), with the publishable key. Returns its id.
    /// </summary>
    public static async Task<string> CreatePaymentMethodAsync(string cloudUrl, string cardNumber)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{cloudUrl}/stripe/v1/payment_methods")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["type"] = "card",
                ["card[number]"] = cardNumber,
                ["card[exp_month]"] = "12",
                ["card[exp_year]"] = (DateTime.UtcNow.Year + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["card[cvc]"] = "123",
            }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "pk_test_local");
        using var created = await client.SendAsync(request);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

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
    public static HttpRequestMessage CheckoutRequest(string userName, string? idempotencyKey = null, string paymentMethodId = PaymentMethodId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/basket/checkout") { Content = JsonContent.Create(Checkout(userName, paymentMethodId)) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }
}
