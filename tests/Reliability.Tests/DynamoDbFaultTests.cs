using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.Reliability.Tests;

/// <summary>
/// DynamoDB throttled or failing under every route of every service, through LocalCloud's edge.
/// The SDK tries each call <see cref="AwsClientExtensions.MaxAttempts"/> times (standard retry
/// mode); when every attempt fails the answer is a 503 with Retry-After, nothing is half-written,
/// and the same request succeeds once DynamoDB recovers.
/// </summary>
public sealed class DynamoDbFaultTests(QuietShopFixture fixture) : IClassFixture<QuietShopFixture>
{
    /// <summary>DynamoDB's retryable errors: throttling (HTTP 400) and its own failures (HTTP 500), as its developer guide lists them.</summary>
    private static readonly (string Code, int Status)[] TransientErrors =
    [
        ("ProvisionedThroughputExceededException", 400),
        ("ThrottlingException", 400),
        ("InternalServerError", 500),
    ];

    private static readonly Dictionary<string, Route> Routes = new()
    {
        ["product_create"] = new("PutItem", _ => Post("/product", new { name = "Nova", price = 1.5m, category = "Phones" })),
        ["product_get"] = new("GetItem", t => new(HttpMethod.Get, $"/product/{t.ProductId}")),
        ["product_list"] = new("Scan", _ => new(HttpMethod.Get, "/product")),
        ["product_list_by_category"] = new("Query", _ => new(HttpMethod.Get, "/product?category=Phones")),
        ["product_replace"] = new("UpdateItem", t => Put($"/product/{t.ProductId}", new { name = "Nova 2", price = 2m, category = "Phones" })),
        // A deletion leaves a tombstone: one conditional UpdateItem.
        ["product_delete"] = new("UpdateItem", t => new(HttpMethod.Delete, $"/product/{t.ProductId}")),
        ["basket_save"] = new("PutItem", t => Post("/basket", new { userName = t.UserName, items = new[] { new { productId = "p9", quantity = 9 } } })),
        ["basket_save_pricing_from_the_catalogue"] = new("BatchGetItem", t => Post("/basket", new { userName = t.UserName, items = new[] { new { productId = "p9", quantity = 9 } } })),
        // A basket is read with BatchGetItem, as the view that prices it is: each fault is aimed at one of the two tables.
        ["basket_get"] = new("BatchGetItem", t => new(HttpMethod.Get, $"/basket/{t.UserName}"), ResourceDefinitions.BasketTable),
        ["basket_get_pricing_from_the_catalogue"] = new("BatchGetItem", t => new(HttpMethod.Get, $"/basket/{t.UserName}"), ResourceDefinitions.BasketCatalogueTable),
        ["checkout_pricing_from_the_catalogue"] = new("BatchGetItem", t => Shop.CheckoutRequest(t.UserName), ResourceDefinitions.BasketCatalogueTable),
        ["basket_list"] = new("Scan", _ => new(HttpMethod.Get, "/basket")),
        ["basket_delete"] = new("DeleteItem", t => new(HttpMethod.Delete, $"/basket/{t.UserName}")),
        ["checkout_reading_the_basket"] = new("BatchGetItem", t => Shop.CheckoutRequest(t.UserName), ResourceDefinitions.BasketTable),
        ["checkout_marking_the_basket"] = new("UpdateItem", t => Shop.CheckoutRequest(t.UserName)),
        ["checkout_reading_the_idempotency_key"] = new("GetItem", t => Shop.CheckoutRequest(t.UserName, "k-" + t.UserName)),
        ["checkout_claiming_the_idempotency_key"] = new("PutItem", t => Shop.CheckoutRequest(t.UserName, "k-" + t.UserName)),
        ["orders_list"] = new("Scan", _ => new(HttpMethod.Get, "/order")),
        ["orders_of_a_user"] = new("Query", t => new(HttpMethod.Get, $"/order/{t.UserName}")),
    };

    private Shop Shop => fixture.Shop;

    public static TheoryData<string, string> Cases()
    {
        // Each route meets one of the errors in turn, so each error meets five routes or more and the suite stays short
        // (the SDK backs off up to a second or two between throttled attempts).
        var cases = new TheoryData<string, string>();
        foreach (var (route, index) in Routes.Keys.Select((route, index) => (route, index)))
        {
            cases.Add(route, TransientErrors[index % TransientErrors.Length].Code);
        }

        return cases;
    }

    [FaultInjectionTheory]
    [MemberData(nameof(Cases))]
    public async Task A_route_whose_dynamodb_call_keeps_failing_answers_503_with_retry_after_and_writes_nothing(string route, string errorCode)
    {
        var (operation, request, table) = Routes[route];
        var target = await ArrangeAsync();
        var before = await Shop.SnapshotAsync(withoutCheckoutMarks: true);
        await fixture.Edge.InjectFaultAsync(
            operation, errorCode, TransientErrors.Single(e => e.Code == errorCode).Status, AwsClientExtensions.MaxAttempts, table is null ? null : Shop.Table(table));

        using var response = await ClientFor(route).SendAsync(request(target));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{route}: {(int)response.StatusCode} {body}");
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(errorCode, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Equal("[]", await Shop.PendingFaultsAsync()); // every one of the SDK's attempts was made, and no more
        Assert.Equal(before, await Shop.SnapshotAsync(withoutCheckoutMarks: true));

        using var recovered = await ClientFor(route).SendAsync(request(target));

        Assert.True(recovered.IsSuccessStatusCode, $"{route} after recovery: {(int)recovered.StatusCode} {await recovered.Content.ReadAsStringAsync()}");
    }

    [FaultInjectionFact]
    public async Task Throttling_on_all_but_the_last_attempt_is_absorbed_by_the_sdks_retries()
    {
        await fixture.Edge.InjectFaultAsync("PutItem", "ProvisionedThroughputExceededException", 400, AwsClientExtensions.MaxAttempts - 1);

        using var response = await Shop.Products.PostAsJsonAsync("/product", new { name = "Retried", price = 3m, category = "Phones" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("[]", await Shop.PendingFaultsAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await Shop.Products.GetAsync($"/product/{id}")).StatusCode);
    }

    /// <summary>A product and a basket of a new user for the request to aim at.</summary>
    private async Task<Target> ArrangeAsync()
    {
        var productId = (await Shop.PostAsync<JsonElement>(Shop.Products, "/product", new { name = "Aurora", price = 9.99m, category = "Phones" })).GetProperty("id").GetString()!;
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        (await Shop.SaveBasketAsync(user, ("p1", 1, 9.99m))).EnsureSuccessStatusCode();
        await Shop.CatalogueAsync(("p9", 9m));
        return new Target(productId, user);
    }

    private HttpClient ClientFor(string route) =>
        route.StartsWith("product", StringComparison.Ordinal) ? Shop.Products
        : route.StartsWith("orders", StringComparison.Ordinal) ? Shop.Orders
        : Shop.Baskets;

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Put(string path, object body) => new(HttpMethod.Put, path) { Content = JsonContent.Create(body) };

    public sealed record Target(string ProductId, string UserName);

    /// <summary>The call of a route that meets the fault; with a table, only the calls that name it.</summary>
    private sealed record Route(string Operation, Func<Target, HttpRequestMessage> Request, TableDefinition? Table = null);
}
