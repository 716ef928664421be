using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.TestSupport;
using Xunit.Abstractions;

namespace Ecommerce.Images.Tests;

[CollectionDefinition(Name)]
public sealed class PublishedBinariesDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "published binaries";
}

/// <summary>
/// The Native AOT binaries the images hold, started as Lambda Web Adapter starts them: each must pass
/// its readiness check and serve one real request through the edge. Trimming and AOT break at run
/// time, not at build time, when something reflected on is gone: this is where that shows.
/// </summary>
[Collection(PublishedBinariesDefinition.Name)]
public sealed class PublishedBinaryTests(LocalEdge edge, ITestOutputHelper output)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    [Fact]
    public async Task Product_binary_becomes_ready_then_creates_and_reads_a_product_in_DynamoDB()
    {
        await using var product = await StartAsync("product");

        using var created = await product.Client.PostAsJsonAsync("/product", new { name = "Kettle", price = 25.5m, category = "Kitchen" }, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location ?? throw new Xunit.Sdk.XunitException("201 without Location");

        using var read = await product.Client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var body = await read.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(("Kettle", 25.5m, "Kitchen"), (body.GetProperty("name").GetString(), body.GetProperty("price").GetDecimal(), body.GetProperty("category").GetString()));
        await AssertReadyAndDocumentedAsync(product);
    }

    [Theory]
    [InlineData("product")]
    [InlineData("basket")]
    [InlineData("ordering")]
    [InlineData("payment")]
    public async Task Binary_is_linked_at_a_fixed_address_with_no_runtime_data_to_rebuild_at_start(string service)
    {
        // Directory.Build.props: a position-independent binary rebuilds or relocates its runtime data at every cold start.
        var layout = ElfLayout.Read(await PublishedBinary.EnsureAsync(service));

        Assert.True(layout.LinkedAtFixedAddress, $"{service} is position-independent (ELF type ET_DYN)");
        Assert.Contains("__managedcode", layout.SectionNames);
        Assert.DoesNotContain(".hydrated", layout.SectionNames);
    }

    [Fact]
    public async Task Product_binary_answers_malformed_JSON_with_a_problem_not_a_crash()
    {
        await using var product = await StartAsync("product");

        using var response = await product.Client.PostAsync(
            new Uri("/product", UriKind.Relative), new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Basket_binary_becomes_ready_prices_a_basket_from_the_product_binarys_catalogue_then_checks_it_out()
    {
        var suffix = NewSuffix();
        await using var product = await StartAsync("product", suffix, CatalogueFlow);
        await using var basket = await StartAsync("basket", suffix);

        await SaveBasketAsync(product, basket, "ada");
        var body = await basket.Client.GetFromJsonAsync<JsonElement>("/basket/ada", Json);
        Assert.Equal(21m, body.GetProperty("totalPrice").GetDecimal());

        using var checkedOut = await basket.Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"), Json);
        Assert.Equal(HttpStatusCode.Accepted, checkedOut.StatusCode);
        using var gone = await basket.Client.GetAsync(new Uri("/basket/ada", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await AssertReadyAndDocumentedAsync(basket);

        // Tokens are checked under Native AOT too: none is a 401 problem, another shopper's is a 403.
        using var anonymous = new HttpClient { BaseAddress = basket.Client.BaseAddress };
        using var refused = await anonymous.GetAsync(new Uri("/basket/ada", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(401, (await refused.ReadProblemAsync()).Status);
        using var asBob = new HttpRequestMessage(HttpMethod.Get, "/basket/ada");
        asBob.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(edge).Shopper("bob"));
        Assert.Equal(HttpStatusCode.Forbidden, (await basket.Client.SendAsync(asBob)).StatusCode);
    }

    [Fact]
    public async Task Ordering_binary_becomes_ready_and_answers_an_empty_page_for_a_user_without_orders()
    {
        await using var ordering = await StartAsync("ordering", settings: new() { ["Ordering__Consumer__Mode"] = "Off" });

        var page = await ordering.Client.GetFromJsonAsync<JsonElement>("/order/nobody", Json);

        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        await AssertReadyAndDocumentedAsync(ordering);
    }

    [Fact]
    public async Task A_checkout_in_the_basket_binary_becomes_an_order_in_the_polling_ordering_binary()
    {
        var suffix = NewSuffix();
        await using var ordering = await StartAsync("ordering", suffix, new() { ["Ordering__Consumer__Mode"] = "Poll", ["Ordering__Consumer__WaitTimeSeconds"] = "1" });
        await using var product = await StartAsync("product", suffix, CatalogueFlow);
        await using var basket = await StartAsync("basket", suffix);

        await SaveBasketAsync(product, basket, "grace");
        using var checkedOut = await basket.Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("grace"), Json);
        Assert.Equal(HttpStatusCode.Accepted, checkedOut.StatusCode);
        var checkoutId = (await checkedOut.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("checkoutId").GetString();

        var orders = await Eventually.HoldsAsync(
            () => ordering.Client.GetFromJsonAsync<JsonElement>("/order/grace", Json),
            page => page.GetProperty("items").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30),
            "grace's order");

        var order = Assert.Single(orders.GetProperty("items").EnumerateArray());
        Assert.Equal(checkoutId, order.GetProperty("orderId").GetString());
        Assert.Equal(21m, order.GetProperty("totalPrice").GetDecimal());
        Assert.Equal("Submitted", order.GetProperty("status").GetString());
        Assert.False(order.TryGetProperty("cardLast4", out _));
    }

    [Fact]
    public async Task Ordering_binary_in_Lambda_mode_takes_an_SQS_batch_on_events_and_names_only_the_bad_message()
    {
        // As the consumer function runs it: LWA posts each SQS event to /events.
        await using var ordering = await StartAsync("ordering", settings: new() { ["Ordering__Consumer__Mode"] = "Lambda" });
        var detail = new
        {
            checkoutId = Guid.NewGuid().ToString(),
            userName = "linus",
            totalPrice = 21m,
            items = new[] { new { productId = "p1", productName = "Kettle", color = "Black", quantity = 2, price = 10.5m } },
            firstName = "Linus",
            lastName = "Pauling",
            email = "linus@example.com",
            address = "Caltech",
            paymentMethodId = "pm_card_visa",
            checkedOutAt = "2026-01-31T12:00:00.000Z",
        };
        var envelope = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "com.swn.basket.checkoutbasket",
            ["detail-type"] = "CheckoutBasket",
            ["detail"] = detail,
        }, Json);
        var sqsEvent = new
        {
            Records = new[]
            {
                new { messageId = "good", receiptHandle = "r1", body = envelope, eventSource = "aws:sqs" },
                new { messageId = "bad", receiptHandle = "r2", body = "not an event", eventSource = "aws:sqs" },
            },
        };

        using var response = await ordering.Client.PostAsJsonAsync("/events", sqsEvent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failures = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("batchItemFailures");
        Assert.Equal("bad", Assert.Single(failures.EnumerateArray()).GetProperty("itemIdentifier").GetString());

        var orders = await ordering.Client.GetFromJsonAsync<JsonElement>("/order/linus", Json);
        Assert.Equal(detail.checkoutId, Assert.Single(orders.GetProperty("items").EnumerateArray()).GetProperty("orderId").GetString());

        // Not an SQS event at all: a 5xx, which AWS_LWA_ERROR_STATUS_CODES turns into a failed invocation.
        using var garbage = await ordering.Client.PostAsync(new Uri("/events", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.InternalServerError, garbage.StatusCode);
    }

    [Fact]
    public async Task Payment_binary_reads_its_key_from_SSM_then_authorizes_and_captures_an_order_at_the_provider()
    {
        // Stripe.net reads the provider's answers by reflection: under AOT this is where a missing instantiation shows.
        await using var payment = await StartAsync("payment", settings: new()
        {
            ["Payment__Orders__Mode"] = "Lambda",
            ["Payment__Stripe__ApiBase"] = $"{edge.Cloud.Url}/stripe",
            ["Payment__Stripe__LocalSecretKey"] = "sk_test_published_binary",
        });
        var orderId = Guid.NewGuid().ToString();

        await DeliverOrderEventAsync(payment, orderId, "OrderStockReserved");
        var authorized = await payment.Client.GetFromJsonAsync<JsonElement>($"/payment/{orderId}", Json);
        await DeliverOrderEventAsync(payment, orderId, "OrderShipped");
        var captured = await payment.Client.GetFromJsonAsync<JsonElement>($"/payment/{orderId}", Json);

        Assert.Equal(
            ("Authorized", 21m, "visa", "4242"),
            (authorized.GetProperty("status").GetString(), authorized.GetProperty("amount").GetDecimal(), authorized.GetProperty("brand").GetString(), authorized.GetProperty("last4").GetString()));
        Assert.StartsWith("pi_", authorized.GetProperty("paymentIntentId").GetString(), StringComparison.Ordinal);
        Assert.Equal("Captured", captured.GetProperty("status").GetString());
        Assert.DoesNotContain("sk_test_published_binary", payment.Output, StringComparison.Ordinal);
        await AssertReadyAndDocumentedAsync(payment);
    }

    /// <summary>One of Ordering's events about a 21.00 order paid with Stripe's test Visa, as Lambda hands the consumer function an SQS batch.</summary>
    private static async Task DeliverOrderEventAsync(RunningBinary payment, string orderId, string detailType)
    {
        var detail = new
        {
            orderId,
            userName = "ada",
            orderDate = "2026-01-31T12:00:00.000Z",
            status = detailType["Order".Length..],
            cancelReason = (string?)null,
            totalPrice = 21m,
            items = new[] { new { productId = "p1", productName = "Kettle", color = "Black", quantity = 2, price = 10.5m } },
            paymentMethodId = "pm_card_visa",
            version = 2,
        };
        var envelope = JsonSerializer.Serialize(
            new Dictionary<string, object> { ["version"] = "0", ["id"] = Guid.NewGuid().ToString(), ["source"] = "com.swn.ordering", ["detail-type"] = detailType, ["detail"] = detail },
            Json);
        using var response = await payment.Client.PostAsJsonAsync("/events", new { Records = new[] { new { messageId = "m1", receiptHandle = "r1", body = envelope, eventSource = "aws:sqs" } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failures = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("batchItemFailures");
        Assert.True(failures.GetArrayLength() == 0, $"{detailType} failed:\n{payment.Output}");
    }

    private async Task<RunningBinary> StartAsync(string service, string? suffix = null, Dictionary<string, string>? settings = null)
    {
        var running = await RunningBinary.StartAsync(service, edge, suffix ?? NewSuffix(), settings);
        output.WriteLine($"{service}: /health answered 200 {running.Startup.TotalMilliseconds:F0} ms after the process started");
        return running;
    }

    /// <summary>The readiness check reaches the service's own resources, and the OpenAPI document (schema export under AOT) is whole.</summary>
    private static async Task AssertReadyAndDocumentedAsync(RunningBinary service)
    {
        using var ready = await service.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"/health/ready answered {(int)ready.StatusCode}:\n{service.Output}");

        var document = await service.Client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json", Json);
        Assert.NotEmpty(document.GetProperty("paths").EnumerateObject());
    }

    private static string NewSuffix() => "-aot" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The product binary with its stream publisher polling, as the local stack runs it.</summary>
    private static Dictionary<string, string> CatalogueFlow => new() { ["Product__Publisher__Mode"] = "Poll" };

    /// <summary>A kettle (10.25) twice and a mug (0.50) from the product binary's catalogue, in the user's basket: 21.00.</summary>
    private static async Task SaveBasketAsync(RunningBinary product, RunningBinary basket, string userName)
    {
        var kettle = await ShopRequests.CreateProductAsync(product.Client, "Kettle", 10.25m);
        var mug = await ShopRequests.CreateProductAsync(product.Client, "Mug", 0.5m);
        await ShopRequests.SaveBasketAsync(basket.Client, userName, (kettle, 2), (mug, 1));
    }
}
