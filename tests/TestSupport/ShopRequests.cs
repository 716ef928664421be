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
