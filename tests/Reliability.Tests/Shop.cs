extern alias basket;
extern alias ordering;
extern alias product;

using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using CatalogueView = basket::Ecommerce.Baskets.Catalogue.CatalogueView;
using BasketProgram = basket::Program;
using OrderingProgram = ordering::Program;
using ProductProgram = product::Program;

namespace Ecommerce.Reliability.Tests;

/// <summary>
/// The whole shop in memory on one edge: Product, Basket and Ordering (poll mode) sharing one
/// suffix, so a checkout travels through the bus and the queue to an order as in AWS. Ordering can
/// be stopped and started again on the same resources. Tables are read directly, not through the API.
/// </summary>
public sealed class Shop : IAsyncDisposable
{
    /// <summary>A card number the services must refuse, and never echo, log, publish or store.</summary>
    public const string CardNumber = "4000056655665556";

    private readonly List<CapturedLogs> _logs = [];
    private readonly bool _catalogueFlow;
    private long _catalogueVersion;

    /// <param name="catalogueFlow">
    /// Whether Product's stream publisher feeds Basket's view. Off, the view holds only what
    /// <see cref="CatalogueAsync"/> puts there, and no background write meets a fault a test injects.
    /// </param>
    public Shop(LocalEdge edge, bool withOrdering = true, bool traceLogs = false, bool catalogueFlow = true)
    {
        Edge = edge;
        _catalogueFlow = catalogueFlow;
        Product = NewProduct();
        Basket = new ServiceFactory<BasketProgram>(edge) { Suffix = Suffix };
        if (traceLogs)
        {
            Product.Settings["Logging:LogLevel:Default"] = "Trace";
            Basket.Settings["Logging:LogLevel:Default"] = "Trace";
        }
        _logs.Add(Basket.Logs);

        if (withOrdering)
        {
            StartOrdering();
        }

        Products = Product.CreateClient();
        Baskets = Basket.CreateClient();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = edge.EndpointUrl }).Build();
        Dynamo = AwsClientExtensions.CreateOptions(configuration, "DYNAMODB").CreateServiceClient<IAmazonDynamoDB>();
        Sqs = AwsClientExtensions.CreateOptions(configuration, "SQS").CreateServiceClient<IAmazonSQS>();
    }

    public LocalEdge Edge { get; }

    public string Suffix { get; } = "-" + Guid.NewGuid().ToString("N")[..8];

    public ServiceFactory<ProductProgram> Product { get; private set; }

    public ServiceFactory<BasketProgram> Basket { get; }

    public ServiceFactory<OrderingProgram>? Ordering { get; private set; }

    public HttpClient Products { get; private set; }

    public HttpClient Baskets { get; }

    public HttpClient Orders { get; private set; } = null!;

    public IAmazonDynamoDB Dynamo { get; }

    public IAmazonSQS Sqs { get; }

    /// <summary>Every log line of every service of this shop, Ordering's earlier instances included.</summary>
    public IEnumerable<string> LogLines => _logs.SelectMany(l => l.Lines);

    public string Table(TableDefinition table) => table.DefaultName + Suffix;

    /// <summary>Starts an Ordering instance (poll mode) on this shop's table and queue, and waits until it has made them.</summary>
    public void StartOrdering()
    {
        var ordering = new ServiceFactory<OrderingProgram>(Edge) { Suffix = Suffix };
        ordering.Settings["Ordering:Consumer:Mode"] = "Poll";
        ordering.Settings["Ordering:Consumer:WaitTimeSeconds"] = "1";
        ordering.Settings["Ordering:Consumer:QueueVisibilityTimeoutSeconds"] = "2";
        ordering.Settings["Logging:LogLevel:Default"] = "Trace";
        Orders = ordering.CreateClient();
        _logs.Add(ordering.Logs);
        Ordering = ordering;
    }

    /// <summary>
    /// Kills Product (its stream publisher with it, wherever it was) and starts another on the same table:
    /// the new publisher reads the stream from its oldest record, as a publisher that lost its place must.
    /// </summary>
    public async Task RestartProductAsync()
    {
        await Product.DisposeAsync();
        Product = NewProduct();
        Products = Product.CreateClient();
    }

    /// <summary>Stops Ordering as a host stops: the batch in hand is finished, the rest stays on the queue.</summary>
    public async Task StopOrderingAsync()
    {
        if (Ordering is { } ordering)
        {
            await ordering.DisposeAsync();
            Ordering = null;
        }
    }

    /// <summary>Product, whose stream publisher feeds Basket's view as in AWS.</summary>
    private ServiceFactory<ProductProgram> NewProduct()
    {
        var product = new ServiceFactory<ProductProgram>(Edge) { Suffix = Suffix };
        product.Settings["Product:Publisher:Mode"] = _catalogueFlow ? "Poll" : "Off";
        product.Settings["Product:Publisher:IdlePollMilliseconds"] = "50";
        _logs.Add(product.Logs);
        return product;
    }

    /// <summary>Every item of one of this shop's tables, read with a Scan through the edge.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(TableDefinition table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Dynamo.ScanAsync(new ScanRequest { TableName = Table(table), ExclusiveStartKey = start, ConsistentRead = true });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return items;
    }

    /// <summary>Every stored item of the shop, as canonical text: equal snapshots mean nothing was written.</summary>
    /// <param name="withoutCheckoutMarks">
    /// Leaves out the checkout id and time a checkout writes onto the basket before publishing: the API
    /// never shows them, the next save of the basket clears them, and a retry reuses them.
    /// </param>
    public async Task<string> SnapshotAsync(bool withoutCheckoutMarks = false)
    {
        var tables = new[] { ResourceDefinitions.ProductTable, ResourceDefinitions.BasketTable, ResourceDefinitions.CheckoutIdempotencyTable, ResourceDefinitions.OrderTable };
        var lines = new List<string>();
        foreach (var table in tables)
        {
            var items = await ScanAsync(table);
            if (withoutCheckoutMarks && table == ResourceDefinitions.BasketTable)
            {
                items.ForEach(item => item.Keys.Where(k => k is "checkoutId" or "checkedOutAt").ToList().ForEach(k => item.Remove(k)));
            }

            lines.AddRange(items.Select(item => table.DefaultName + " " + Canonical(item)));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>The orders stored, by order id.</summary>
    public async Task<List<string>> OrderIdsAsync() =>
        [.. (await ScanAsync(ResourceDefinitions.OrderTable)).Select(item => item["orderId"].S)];

    public static async Task<T> PostAsync<T>(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web))!;
    }

    /// <summary>Saves a basket of these lines, each product first put in Basket's view of the catalogue at the price given.</summary>
    public async Task<HttpResponseMessage> SaveBasketAsync(string userName, params (string ProductId, int Quantity, decimal Price)[] items)
    {
        await CatalogueAsync([.. items.Select(i => (i.ProductId, i.Price))]);
        return await Baskets.PostAsJsonAsync("/basket", new
        {
            userName,
            items = items.Select(i => new { productId = i.ProductId, color = "Black", quantity = i.Quantity }),
        });
    }

    /// <summary>Puts products straight into Basket's view of the catalogue, as their ProductChanged events would, each a newer version.</summary>
    public async Task CatalogueAsync(params (string ProductId, decimal Price)[] products)
    {
        var view = Basket.Services.GetRequiredService<CatalogueView>();
        foreach (var (productId, price) in products)
        {
            await view.ApplyAsync(new ProductChangedEvent(productId, "Name of " + productId, price, "Test", null, Interlocked.Increment(ref _catalogueVersion), Deleted: false), default);
        }
    }

    /// <summary>Creates a product through Product's API and waits until its ProductChanged event has reached Basket's view.</summary>
    public async Task<string> CreateProductAsync(object body)
    {
        var id = (await PostAsync<JsonElement>(Products, "/product", body)).GetProperty("id").GetString()!;
        var view = Basket.Services.GetRequiredService<CatalogueView>();
        await Eventually.HoldsAsync(() => view.FindAsync([id], default), found => found.ContainsKey(id), TimeSpan.FromSeconds(20), $"product {id} in Basket's view");
        return id;
    }

    public Task<HttpResponseMessage> CheckoutAsync(string userName, string? idempotencyKey = null) =>
        Baskets.SendAsync(CheckoutRequest(userName, idempotencyKey));

    /// <summary>A valid checkout of the user's basket, paid with a payment method made at the provider.</summary>
    public static HttpRequestMessage CheckoutRequest(string userName, string? idempotencyKey = null) =>
        ShopRequests.CheckoutRequest(userName, idempotencyKey);

    /// <summary>Waits until the order queue holds no message, visible or in flight: every delivery was consumed.</summary>
    public async Task WaitForOrderQueueDrainedAsync()
    {
        var queueUrl = (await Sqs.GetQueueUrlAsync(ResourceDefinitions.OrderQueue.DefaultName + Suffix)).QueueUrl;
        await Eventually.HoldsAsync(
            () => Sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]),
            a => a.ApproximateNumberOfMessages == 0 && a.ApproximateNumberOfMessagesNotVisible == 0,
            TimeSpan.FromSeconds(30),
            "the order queue is drained");
    }

    /// <summary>The faults injected but not yet served: empty once every injected failure happened.</summary>
    public async Task<string> PendingFaultsAsync()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(Edge.EndpointUrl) };
        return await admin.GetStringAsync(new Uri("/_localcloud/faults", UriKind.Relative));
    }

    /// <summary>Waits until the user has <paramref name="count"/> orders, then returns their order ids.</summary>
    public async Task<List<string>> OrderIdsOfAsync(string userName, int count, TimeSpan? timeout = null)
    {
        var ids = await Eventually.HoldsAsync(
            async () => (await ScanAsync(ResourceDefinitions.OrderTable)).Where(o => o["userName"].S == userName).Select(o => o["orderId"].S).ToList(),
            found => found.Count >= count,
            timeout ?? TimeSpan.FromSeconds(20),
            $"{userName} has {count} orders");
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await StopOrderingAsync();
        await Basket.DisposeAsync();
        await Product.DisposeAsync();
        Dynamo.Dispose();
        Sqs.Dispose();
    }

    private static string Canonical(Dictionary<string, AttributeValue> item) =>
        string.Join(',', item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Canonical(p.Value)}"));

    private static string Canonical(AttributeValue value) =>
        value.S is not null ? "S:" + JsonSerializer.Serialize(value.S)
        : value.N is not null ? "N:" + value.N
        : value.M is not null ? "M{" + Canonical(value.M) + "}"
        : value.L is not null ? "L[" + string.Join(';', value.L.Select(Canonical)) + "]"
        : value.BOOL is { } flag ? "B:" + flag
        : "?";
}

/// <summary>The answer to an accepted checkout.</summary>
public sealed record CheckoutAccepted(string CheckoutId, string UserName, decimal TotalPrice);

/// <summary>A shop on an edge of its own, so the faults a test class injects reach no other class.</summary>
public class ShopFixture : IAsyncLifetime
{
    private readonly LocalEdge _edge = new();

    public Shop Shop { get; private set; } = null!;

    public LocalEdge Edge => _edge;

    public virtual async Task InitializeAsync()
    {
        await _edge.InitializeAsync();
        Shop = CreateShop(_edge);
    }

    protected virtual Shop CreateShop(LocalEdge edge) => new(edge);

    public async Task DisposeAsync()
    {
        await Shop.DisposeAsync();
        await _edge.DisposeAsync();
    }
}

/// <summary>A shop whose catalogue does not flow on its own, for suites that inject DynamoDB faults by operation.</summary>
public sealed class QuietShopFixture : ShopFixture
{
    protected override Shop CreateShop(LocalEdge edge) => new(edge, catalogueFlow: false);
}
