using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Ecommerce.Bench;

/// <summary>The requests the benchmark sends, to the services and straight to DynamoDB through the edge.</summary>
internal static class Shop
{
    public const string ColdBasketUser = "bench-cold";
    public const string ColdOrderUser = "bench-cold-order";
    private const string ProductTable = "product";
    private const string BasketTable = "basket";

    public static HttpClient NewHttpClient(int connections) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static AmazonDynamoDBClient NewDynamoClient(string edgeUrl) => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = edgeUrl, AuthenticationRegion = "us-east-1", RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 });

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static string ProductJson() =>
        """{"name":"Aurora X","description":"A phone","imageFile":"aurora.png","price":499.99,"category":"Phones"}""";

    public static string BasketJson(string userName, string productId) => Format.Invariant(
        $$"""{"userName":"{{userName}}","items":[{"productId":"{{productId}}","productName":"Aurora X","color":"Black","quantity":2,"price":449.99},{"productId":"{{productId}}","productName":"Aurora X","color":"Blue","quantity":1,"price":449.99}]}""");

    public static string CheckoutJson(string userName) => Format.Invariant(
        $$"""{"userName":"{{userName}}","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","address":"12 St James Square, London","paymentMethod":1,"cardInfo":"4111111111111111"}""");

    /// <summary>GetItem as ProductRepository.GetAsync makes it.</summary>
    public static GetItemRequest GetProductRequest(string id) => new()
    {
        TableName = ProductTable,
        Key = new() { ["id"] = new AttributeValue { S = id } },
        ConsistentRead = true,
    };

    /// <summary>PutItem as BasketRepository.SaveAsync makes it for <see cref="BasketJson"/>.</summary>
    public static PutItemRequest PutBasketRequest(string userName, string productId) => new()
    {
        TableName = BasketTable,
        Item = new()
        {
            ["userName"] = new AttributeValue { S = userName },
            ["items"] = new AttributeValue
            {
                L =
                [
                    BasketLine(productId, "Black", 2),
                    BasketLine(productId, "Blue", 1),
                ],
            },
            ["revision"] = new AttributeValue { S = Guid.NewGuid().ToString("N") },
        },
    };

    /// <summary>How many orders GET /order/{user} lists.</summary>
    public static async Task<int> CountOrdersAsync(HttpClient http, Service ordering, string userName, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(ordering.Url("/order/" + userName), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return -1;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    /// <summary>Creates the product, the baskets and the order the cold starts read; returns the product id.</summary>
    public static async Task<string> SeedAsync(Stack stack)
    {
        using var http = NewHttpClient(4);
        string productId;
        await using (var product = await stack.StartServiceAsync("product", Build.Aot, createResources: true))
        {
            await WaitReadyAsync(http, product);
            using var created = await http.PostAsync(product.Url("/product"), Json(ProductJson()));
            created.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            productId = document.RootElement.GetProperty("id").GetString()!;
        }

        await using var basket = await stack.StartServiceAsync("basket", Build.Aot, createResources: true);
        await using var ordering = await stack.StartServiceAsync("ordering", Build.Aot, createResources: true, consumerMode: "Poll");
        await WaitReadyAsync(http, basket);
        await WaitReadyAsync(http, ordering);

        (await http.PostAsync(basket.Url("/basket"), Json(BasketJson(ColdOrderUser, productId)))).EnsureSuccessStatusCode();
        (await http.PostAsync(basket.Url("/basket/checkout"), Json(CheckoutJson(ColdOrderUser)))).EnsureSuccessStatusCode();
        (await http.PostAsync(basket.Url("/basket"), Json(BasketJson(ColdBasketUser, productId)))).EnsureSuccessStatusCode();

        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (await CountOrdersAsync(http, ordering, ColdOrderUser, CancellationToken.None) < 1)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The seeding checkout never became an order:\n{ordering.Process.Tail}");
            }

            await Task.Delay(50);
        }

        return productId;
    }

    /// <summary>Waits for /health/ready: the service's tables (and queue) answer.</summary>
    public static async Task WaitReadyAsync(HttpClient http, Service service)
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (true)
        {
            service.Process.ThrowIfExited();
            try
            {
                using var response = await http.GetAsync(service.Url("/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{service.Process.Name} was not ready within 60 s:\n{service.Process.Tail}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends GET until the first 200 (the service's first DynamoDB call is behind it).</summary>
    public static async Task WaitOkAsync(HttpClient http, Service service, string path)
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (true)
        {
            service.Process.ThrowIfExited();
            using var response = await http.GetAsync(service.Url(path));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"GET {path} on {service.Process.Name} answered {(int)response.StatusCode}:\n{service.Process.Tail}");
            }

            await Task.Delay(20);
        }
    }

    private static AttributeValue BasketLine(string productId, string color, int quantity) => new()
    {
        M = new()
        {
            ["productId"] = new AttributeValue { S = productId },
            ["quantity"] = new AttributeValue { N = quantity.ToString(CultureInfo.InvariantCulture) },
            ["price"] = new AttributeValue { N = "449.99" },
            ["productName"] = new AttributeValue { S = "Aurora X" },
            ["color"] = new AttributeValue { S = color },
        },
    };
}
