extern alias basket;
extern alias ordering;
extern alias product;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.TestSupport;
using BasketProgram = basket::Program;
using OrderingProgram = ordering::Program;
using ProductProgram = product::Program;

namespace Ecommerce.EndToEnd.Tests;

/// <summary>
/// The three services on one edge, sharing one bus: the catalogue flows from Product's table stream to
/// Basket's view, and a checkout from Basket through EventBridge and SQS to Ordering, as in AWS.
/// Clients sign in as an admin unless a test gives them a shopper's token.
/// </summary>
public sealed class WholeShop : IAsyncDisposable
{
    public WholeShop(LocalEdge edge)
    {
        var suffix = "-" + Guid.NewGuid().ToString("N")[..8];
        Product = new ServiceFactory<ProductProgram>(edge) { Suffix = suffix };
        Product.Settings["Product:Publisher:Mode"] = "Poll";
        Product.Settings["Product:Publisher:IdlePollMilliseconds"] = "50";
        Basket = new ServiceFactory<BasketProgram>(edge) { Suffix = suffix };
        Ordering = new ServiceFactory<OrderingProgram>(edge) { Suffix = suffix };
        Ordering.Settings["Ordering:Consumer:Mode"] = "Poll";
        Ordering.Settings["Ordering:Consumer:WaitTimeSeconds"] = "1";
        Products = Product.CreateClient();
        Baskets = Basket.CreateClient();
        Orders = Ordering.CreateClient();
    }

    public ServiceFactory<ProductProgram> Product { get; }

    public ServiceFactory<BasketProgram> Basket { get; }

    public ServiceFactory<OrderingProgram> Ordering { get; }

    public HttpClient Products { get; }

    public HttpClient Baskets { get; }

    public HttpClient Orders { get; }

    /// <summary>Adds a product to the catalogue and returns its id.</summary>
    public async Task<string> CreateProductAsync(string name, decimal price)
    {
        using var created = await Products.PostAsJsonAsync("/product", new { name, price, category = "Kitchen" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Saves the basket once Basket's view knows every product in it: the view follows the catalogue
    /// a moment behind, and until then the basket is a 400 naming the unknown product.
    /// </summary>
    public Task<HttpResponseMessage> SaveBasketAsync(string userName, params (string ProductId, int Quantity)[] items) =>
        SaveBasketAsync(Baskets, userName, items);

    public static async Task<HttpResponseMessage> SaveBasketAsync(HttpClient client, string userName, params (string ProductId, int Quantity)[] items)
    {
        var saved = await Eventually.HoldsAsync(
            () => client.PostAsJsonAsync("/basket", new { userName, items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) }),
            response => response.StatusCode != HttpStatusCode.BadRequest,
            TimeSpan.FromSeconds(20),
            $"{userName}'s basket of products Basket's view knows");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return saved;
    }

    public async ValueTask DisposeAsync()
    {
        await Product.DisposeAsync();
        await Basket.DisposeAsync();
        await Ordering.DisposeAsync();
    }
}
