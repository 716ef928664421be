extern alias basket;
extern alias inventory;
extern alias ordering;
extern alias payment;
extern alias product;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.TestSupport;
using BasketProgram = basket::Program;
using InventoryProgram = inventory::Program;
using OrderingProgram = ordering::Program;
using PaymentProgram = payment::Program;
using ProductProgram = product::Program;

namespace Ecommerce.EndToEnd.Tests;

/// <summary>
/// The services on one edge, sharing one bus: the catalogue flows from Product's table stream to
/// Basket's view, and a checkout from Basket through EventBridge and SQS to Ordering, as in AWS. With
/// the order's life, Inventory and Payment join, and Ordering's outbox and saga consumers run too.
/// Clients sign in as an admin unless a test gives them a shopper's token.
/// </summary>
public sealed class WholeShop : IAsyncDisposable
{
    /// <summary>The provider's secret key Payment is given here, and the reconciler reads the provider with.</summary>
    public const string StripeSecretKey = "sk_test_endtoend";

    /// <summary>How long an order's events may take to settle it.</summary>
    public static readonly TimeSpan Settles = TimeSpan.FromSeconds(60);

    private readonly LocalEdge _edge;

    public WholeShop(LocalEdge edge, bool withOrderLife = false)
    {
        _edge = edge;
        var suffix = "-" + Guid.NewGuid().ToString("N")[..8];
        Product = new ServiceFactory<ProductProgram>(edge) { Suffix = suffix };
        Product.Settings["Product:Publisher:Mode"] = "Poll";
        Product.Settings["Product:Publisher:IdlePollMilliseconds"] = "50";
        Basket = new ServiceFactory<BasketProgram>(edge) { Suffix = suffix };
        Ordering = new ServiceFactory<OrderingProgram>(edge) { Suffix = suffix };
        Ordering.Settings["Ordering:Consumer:WaitTimeSeconds"] = "1";
        if (withOrderLife)
        {
            foreach (var section in new[] { "Ordering:Saga", "Ordering:Expiry" })
            {
                Ordering.Settings[$"{section}:WaitTimeSeconds"] = "1";
            }

            Ordering.Settings["Ordering:Publisher:IdlePollMilliseconds"] = "50";
            Inventory = new ServiceFactory<InventoryProgram>(edge) { Suffix = suffix };
            Inventory.Settings["Inventory:Products:WaitTimeSeconds"] = "1";
            Inventory.Settings["Inventory:Orders:WaitTimeSeconds"] = "1";
            Payment = new ServiceFactory<PaymentProgram>(edge) { Suffix = suffix };
            Payment.Settings["Payment:Orders:WaitTimeSeconds"] = "1";
            Payment.Settings["Payment:Stripe:ApiBase"] = $"{edge.Cloud.Url}/stripe";
            Payment.Settings["Payment:Stripe:LocalSecretKey"] = StripeSecretKey;
            Stock = Inventory.CreateClient();
            Payments = Payment.CreateClient();
        }
        else
        {
            // Without Inventory and Payment nothing answers an order's events: Ordering stores orders only.
            foreach (var section in new[] { "Ordering:Saga", "Ordering:Expiry", "Ordering:Publisher" })
            {
                Ordering.Settings[$"{section}:Mode"] = "Off";
            }
        }

        Products = Product.CreateClient();
        Baskets = Basket.CreateClient();
        Orders = Ordering.CreateClient();
    }

    /// <summary>What every table of this shop's services is named after its default name (e.g. <c>order-1a2b3c4d</c>).</summary>
    public string TableSuffix => Product.Suffix;

    public ServiceFactory<ProductProgram> Product { get; }

    public ServiceFactory<BasketProgram> Basket { get; }

    public ServiceFactory<OrderingProgram> Ordering { get; }

    public ServiceFactory<InventoryProgram>? Inventory { get; }

    public ServiceFactory<PaymentProgram>? Payment { get; }

    public HttpClient Products { get; }

    public HttpClient Baskets { get; }

    public HttpClient Orders { get; }

    public HttpClient? Stock { get; }

    public HttpClient? Payments { get; }

    public Task<string> CreateProductAsync(string name, decimal price) => ShopRequests.CreateProductAsync(Products, name, price);

    public Task<HttpResponseMessage> SaveBasketAsync(string userName, params (string ProductId, int Quantity)[] items) =>
        ShopRequests.SaveBasketAsync(Baskets, userName, items);

    /// <summary>Sets a product's stock as an admin, once Inventory has learned the product from its ProductChanged event.</summary>
    public async Task SetStockAsync(string productId, int onHand)
    {
        using var set = await Eventually.HoldsAsync(
            () => Stock!.PutAsJsonAsync($"/inventory/{productId}", new { onHand }),
            response => response.StatusCode != System.Net.HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(30),
            $"Inventory knows {productId}");
        set.EnsureSuccessStatusCode();
    }

    public async Task<StockView> StockAsync(string productId) => (await Stock!.GetFromJsonAsync<StockView>($"/inventory/{productId}"))!;

    /// <summary>What a shopper does: the card to a payment method at the provider, the basket, the checkout. Returns the order's id.</summary>
    public async Task<string> BuyAsync(string userName, string cardNumber, params (string ProductId, int Quantity)[] items)
    {
        var paymentMethodId = await ShopRequests.CreatePaymentMethodAsync(_edge.Cloud.Url, cardNumber);
        await SaveBasketAsync(userName, items);
        using var checkout = await Baskets.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout(userName, paymentMethodId));
        checkout.EnsureSuccessStatusCode();
        return (await checkout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkoutId").GetString()!;
    }

    /// <summary>The provider's payment intents for an order, from LocalCloud's admin API.</summary>
    public async Task<IReadOnlyList<JsonElement>> IntentsOfAsync(string orderId)
    {
        using var client = new HttpClient();
        var list = await client.GetFromJsonAsync<JsonElement>($"{_edge.Cloud.Url}/_localcloud/stripe/payment_intents?metadata[orderId]={orderId}");
        return [.. list.GetProperty("data").EnumerateArray()];
    }

    /// <summary>Polls the order until it settles; until Ordering has consumed the checkout the order is not found yet.</summary>
    public static async Task<OrderView> EventuallyOrderAsync(HttpClient orders, string userName, string orderId, Func<OrderView, bool> settled) =>
        (await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await orders.GetAsync($"/order/{userName}/{orderId}");
                return response.StatusCode == HttpStatusCode.NotFound
                    ? null
                    : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<OrderView>();
            },
            order => order is not null && settled(order),
            Settles,
            $"order {orderId} of {userName} settled as expected"))!;

    public async ValueTask DisposeAsync()
    {
        await Product.DisposeAsync();
        await Basket.DisposeAsync();
        await Ordering.DisposeAsync();
        if (Inventory is not null)
        {
            await Inventory.DisposeAsync();
        }

        if (Payment is not null)
        {
            await Payment.DisposeAsync();
        }
    }
}

public sealed record StockView(string ProductId, int OnHand, int Reserved, int Available, long Version);

public sealed record OrderPaymentView(string Status, string? PaymentIntentId, string? Brand, string? Last4, string? DeclineCode);

public sealed record OrderView(string OrderId, string UserName, string Status, string? CancelReason, decimal TotalPrice, OrderPaymentView Payment);

/// <summary>Stripe's test cards, as a shopper types them into the provider's form.</summary>
public static class ShopperCards
{
    public const string Succeeds = "4242424242424242";
    public const string InsufficientFunds = "4000000000009995";
}
