extern alias basket;
extern alias ordering;
extern alias product;

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

    public Task<string> CreateProductAsync(string name, decimal price) => ShopRequests.CreateProductAsync(Products, name, price);

    public Task<HttpResponseMessage> SaveBasketAsync(string userName, params (string ProductId, int Quantity)[] items) =>
        ShopRequests.SaveBasketAsync(Baskets, userName, items);

    public async ValueTask DisposeAsync()
    {
        await Product.DisposeAsync();
        await Basket.DisposeAsync();
        await Ordering.DisposeAsync();
    }
}
