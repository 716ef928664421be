using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Ecommerce.Bench;

/// <summary>What seeding found: the product the reads ask for, and which services refused a request without a token.</summary>
internal sealed record Seed(string ProductId, bool BasketNeedsToken, bool OrderingNeedsToken);

/// <summary>The requests the benchmark sends, to the services and straight to DynamoDB through the edge.</summary>
internal static class Shop
{
    /// <summary>The user whose basket and order the cold starts read: the shopper the harness has a token for.</summary>
    public const string ColdUser = Tokens.ShopperName;
    private const string ProductTable = "product";
    private const string BasketTable = "basket";

    /// <summary>Basket's view of the catalogue.</summary>
    public const string ViewTable = "basket-catalogue";

    /// <summary>A client for <paramref name="connections"/> connections that sends <paramref name="bearer"/>, if any, with every request.</summary>
    public static HttpClient NewHttpClient(int connections, string? bearer = null)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return http;
    }

    /// <summary>A client that acts as the harness's admin (when the stack has tokens): it may write the catalogue and act for any user.</summary>
    public static HttpClient NewAdminClient(Stack stack, int connections) => NewHttpClient(connections, stack.Tokens?.Admin);

    public static AmazonDynamoDBClient NewDynamoClient(string edgeUrl) => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = edgeUrl, AuthenticationRegion = "us-east-1", RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 });

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static string ProductJson() =>
        """{"name":"Aurora X","description":"A phone","imageFile":"aurora.png","price":499.99,"category":"Phones"}""";

    public static string BasketJson(string userName, string productId) => Format.Invariant(
        $$"""{"userName":"{{userName}}","items":[{"productId":"{{productId}}","color":"Black","quantity":2},{"productId":"{{productId}}","color":"Blue","quantity":1}]}""");

    public static string CheckoutJson(string userName) => Format.Invariant(
        $$"""{"userName":"{{userName}}","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","address":"12 St James Square, London","paymentMethodId":"pm_card_visa"}""");

    /// <summary>GetItem as ProductRepository.GetAsync makes it.</summary>
    public static GetItemRequest GetProductRequest(string id) => new()
    {
        TableName = ProductTable,
        Key = new() { ["id"] = new AttributeValue { S = id } },
        ConsistentRead = true,
    };

    /// <summary>BatchGetItem of the products' entries in Basket's view, strongly consistent, as Basket's CatalogueView.FindAsync makes it.</summary>
    /// <param name="projection">Only these attributes, or (null) the whole entry, as Basket reads it.</param>
    public static BatchGetItemRequest GetViewRequest(IEnumerable<string> productIds, string? projection = null) => new()
    {
        RequestItems = new()
        {
            [ViewTable] = new KeysAndAttributes
            {
                Keys = [.. productIds.Select(id => new Dictionary<string, AttributeValue> { ["productId"] = new() { S = id } })],
                ConsistentRead = true,
                ProjectionExpression = projection,
            },
        },
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

    /// <summary>
    /// Creates the product, and the order and basket of <see cref="ColdUser"/> that the cold starts read; finds
    /// out first whether Basket and Ordering answer 401 to a read without a token.
    /// </summary>
    public static async Task<Seed> SeedAsync(Stack stack)
    {
        using var http = NewAdminClient(stack, 4);
        using var anonymous = NewHttpClient(1);
        // Basket first: its catalogue consumer makes the queue and the rule that carry Product's changes to its view.
        // Then Product with its stream publisher running, so the new product reaches that view as in AWS.
        await using var basket = await stack.StartServiceAsync("basket", Build.Aot, createResources: true, consumerMode: "Poll");
        await WaitReadyAsync(http, basket);
        await using var product = await stack.StartServiceAsync("product", Build.Aot, createResources: true, consumerMode: "Poll");
        await WaitReadyAsync(http, product);
        var productId = await CreateProductAsync(http, product, ProductJson());
        await using var ordering = await stack.StartServiceAsync("ordering", Build.Aot, createResources: true, consumerMode: "Poll");
        await WaitReadyAsync(http, ordering);
        var basketNeedsToken = await RefusesAnonymousAsync(anonymous, basket, "/basket/" + ColdUser);
        var orderingNeedsToken = await RefusesAnonymousAsync(anonymous, ordering, "/order/" + ColdUser);

        await PostBasketAsync(http, basket, ColdUser, productId);
        using (var checkout = await http.PostAsync(basket.Url("/basket/checkout"), Json(CheckoutJson(ColdUser))))
        {
            await EnsureAsync(checkout, "POST /basket/checkout");
        }

        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (await CountOrdersAsync(http, ordering, ColdUser, CancellationToken.None) < 1)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The seeding checkout never became an order:\n{ordering.Process.Tail}");
            }

            await Task.Delay(50);
        }

        await PostBasketAsync(http, basket, ColdUser, productId);
        return new Seed(productId, basketNeedsToken, orderingNeedsToken);
    }

    /// <summary>
    /// Creates or replaces a user's basket. Basket prices lines from its own view of the catalogue, which
    /// learns of a new product a moment after Product stored it: until then a line is a 400, so it is retried.
    /// </summary>
    public static async Task PostBasketAsync(HttpClient http, Service basket, string userName, string productId, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (true)
        {
            using var response = await http.PostAsync(basket.Url("/basket"), Json(BasketJson(userName, productId)), cancellationToken);
            if (response.StatusCode != HttpStatusCode.BadRequest || Stopwatch.GetTimestamp() > deadline)
            {
                await EnsureAsync(response, "POST /basket");
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>POST /product as the admin; the new product's id.</summary>
    public static async Task<string> CreateProductAsync(HttpClient admin, Service product, string json, CancellationToken cancellationToken = default)
    {
        using var created = await admin.PostAsync(product.Url("/product"), Json(json), cancellationToken);
        await EnsureAsync(created, "POST /product");
        using var document = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<bool> RefusesAnonymousAsync(HttpClient anonymous, Service service, string path)
    {
        using var response = await anonymous.GetAsync(service.Url(path));
        return response.StatusCode == HttpStatusCode.Unauthorized;
    }

    /// <summary>Throws, with the status and the problem's body, unless the answer is a success.</summary>
    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
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
            ["color"] = new AttributeValue { S = color },
        },
    };
}
