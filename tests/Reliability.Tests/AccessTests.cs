using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ecommerce.LocalCloud.Auth;
using Ecommerce.TestSupport;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.Reliability.Tests;

/// <summary>A shop with a product and Ada's basket and order, to aim every route at.</summary>
public sealed class AccessShop : ShopFixture
{
    public string ProductId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ProductId = await Shop.CreateProductAsync(new { name = "Aurora X", price = 499.99m, category = "Phones" });
        await Shop.PostAsync<JsonElement>(Shop.Baskets, "/basket", new { userName = "ada", items = new[] { new { productId = ProductId, quantity = 1 } } });
        using var order = await Shop.CheckoutAsync("ada");
        Assert.Equal(HttpStatusCode.Accepted, order.StatusCode);
        await Shop.PostAsync<JsonElement>(Shop.Baskets, "/basket", new { userName = "ada", items = new[] { new { productId = ProductId, quantity = 2 } } });
        await Eventually.HoldsAsync(async () => (await Shop.OrderIdsAsync()).Count, count => count == 1, TimeSpan.FromSeconds(20), "Ada's order");
    }
}

/// <summary>
/// Who may call what (docs/api.md): every route, called anonymously, by another shopper, by its
/// owner and by an admin, answers as the rules say; a refused call changes nothing; and every token
/// that is not a valid access token of this pool and client is a 401 that no log line repeats.
/// </summary>
public sealed class AccessTests(AccessShop fixture) : IClassFixture<AccessShop>
{
    public enum Who
    {
        Anonymous,
        OtherShopper,
        Owner,
        Admin,
    }

    private Shop Shop => fixture.Shop;

    /// <summary>The product baskets hold: one that no case deletes.</summary>
    private string BasketProduct => fixture.ProductId;

    /// <summary>Each route with its answer for anonymous, another shopper, the owner (Ada) and an admin; 0 is "not refused".</summary>
    public static TheoryData<string, Who, int> Matrix()
    {
        var routes = new (string Route, int Anonymous, int Other, int Owner, int Admin)[]
        {
            ("GET /product", 0, 0, 0, 0),
            ("GET /product/{id}", 0, 0, 0, 0),
            ("POST /product", 401, 403, 403, 0),
            ("PUT /product/{id}", 401, 403, 403, 0),
            ("DELETE /product/{id}", 401, 403, 403, 0),
            ("GET /basket", 401, 403, 403, 0),
            ("GET /basket/ada", 401, 403, 0, 0),
            ("POST /basket", 401, 403, 0, 0),
            ("DELETE /basket/ada", 401, 403, 0, 0),
            ("POST /basket/checkout", 401, 403, 0, 0),
            ("GET /order", 401, 403, 403, 0),
            ("GET /order/ada", 401, 403, 0, 0),
            ("GET /health", 0, 0, 0, 0),
            ("GET /health/ready", 0, 0, 0, 0),
            ("GET /swagger/v1/swagger.json", 0, 0, 0, 0),
        };
        var data = new TheoryData<string, Who, int>();
        foreach (var (route, anonymous, other, owner, admin) in routes)
        {
            data.Add(route, Who.Anonymous, anonymous);
            data.Add(route, Who.OtherShopper, other);
            data.Add(route, Who.Owner, owner);
            data.Add(route, Who.Admin, admin);
        }

        return data;
    }

    public static TheoryData<string> BadTokens => [.. BadTokenCases.Keys];

    private static readonly Dictionary<string, Func<TestTokens, string>> BadTokenCases = new()
    {
        ["expired"] = tokens => tokens.Mint("ada", admin: true, t => (t.Claims["iat"], t.Claims["exp"]) = (Seconds(-7200), Seconds(-3600))),
        ["not yet valid"] = tokens => tokens.Mint("ada", admin: true, t => t.Claims["nbf"] = Seconds(600)),
        ["another issuer"] = tokens => tokens.Mint("ada", admin: true, t => t.Claims["iss"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other"),
        ["another app client"] = tokens => tokens.Mint("ada", admin: true, t => t.Claims["client_id"] = "someone-elses-app"),
        ["an ID token"] = tokens => tokens.Mint("ada", admin: true, t => t.Claims["token_use"] = "id"),
        ["a key not in the JWKS"] = tokens => tokens.Mint("ada", admin: true, t => t.Key = new SigningCredentials(new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "stranger" }, SecurityAlgorithms.RsaSha256)),
        ["a tampered payload"] = tokens => Tamper(tokens.Shopper("ada"), payload => payload.Replace("\"username\":\"ada\"", "\"username\":\"admin\"", StringComparison.Ordinal).Replace("\"token_use\"", "\"cognito:groups\":[\"admin\"],\"token_use\"", StringComparison.Ordinal)),
        ["alg none"] = tokens => Unsigned(tokens.Admin("ada")),
        ["not a JWT"] = _ => "not-a-token",
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_route_answers_each_caller_as_the_rules_say_and_a_refused_call_changes_nothing(string route, Who who, int refusal)
    {
        // Each case aims at a product of its own and at Ada's basket as it was, since an allowed call may delete them.
        var productId = await Shop.CreateProductAsync(new { name = "Target", price = 1m, category = "Phones" });
        await Shop.PostAsync<JsonElement>(Shop.Baskets, "/basket", new { userName = "ada", items = new[] { new { productId = fixture.ProductId, quantity = 1 } } });
        var before = await Shop.SnapshotAsync();

        using var response = await SendAsync(route.Replace("{id}", productId, StringComparison.Ordinal), who, productId);

        if (refusal == 0)
        {
            Assert.True(response.IsSuccessStatusCode, $"{route} as {who}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return;
        }

        Assert.Equal(refusal, (int)response.StatusCode);
        Assert.Equal(refusal, (await response.ReadProblemAsync()).Status);
        if (refusal == 401)
        {
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        Assert.Equal(before, await Shop.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_is_not_a_valid_access_token_of_this_pool_and_client_is_a_401_no_log_repeats(string name)
    {
        var token = BadTokenCases[name](Shop.Basket.Tokens);
        using var client = Shop.Basket.CreateClient(token);

        using var response = await client.GetAsync("/basket/ada");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(401, (await response.ReadProblemAsync()).Status);
        var signature = token.Split('.')[^1];
        Assert.DoesNotContain(Shop.LogLines, line => line.Contains(token, StringComparison.Ordinal) || (signature.Length > 20 && line.Contains(signature, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_checkout_naming_another_user_is_a_403_and_publishes_nothing()
    {
        using var bob = Shop.Basket.CreateClient(Shop.Basket.Tokens.Shopper("bob"));
        await Shop.PostAsync<JsonElement>(bob, "/basket", new { userName = "bob", items = new[] { new { productId = fixture.ProductId, quantity = 1 } } });
        var ordersBefore = await Shop.OrderIdsAsync();

        using var response = await bob.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Shop.Baskets.GetAsync("/basket/ada")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a published event would be an order by now
        Assert.Equal(ordersBefore, await Shop.OrderIdsAsync());
    }

    [Fact]
    public async Task A_shoppers_checkout_publishes_and_orders_in_their_own_name()
    {
        var carol = Shop.Basket.Tokens.Shopper("carol");
        using var baskets = Shop.Basket.CreateClient(carol);
        await Shop.PostAsync<JsonElement>(baskets, "/basket", new { userName = "carol", items = new[] { new { productId = fixture.ProductId, quantity = 1 } } });

        using var accepted = await baskets.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("carol"));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var orders = Shop.Ordering!.CreateClient(Shop.Ordering.Tokens.Shopper("carol"));
        var page = await Eventually.HoldsAsync(
            () => orders.GetFromJsonAsync<JsonElement>("/order/carol"),
            p => p.GetProperty("items").GetArrayLength() == 1,
            TimeSpan.FromSeconds(20),
            "carol's order");
        Assert.Equal("carol", page.GetProperty("items")[0].GetProperty("userName").GetString());
    }

    [Fact]
    public async Task A_body_that_names_a_property_twice_is_a_400_and_changes_nothing()
    {
        var before = await Shop.SnapshotAsync();
        using var ada = Shop.Basket.CreateClient(Shop.Basket.Tokens.Shopper("ada"));

        using var response = await ada.PostAsync("/basket", new StringContent(
            $$"""{"userName":"ada","userName":"bob","items":[{"productId":"{{fixture.ProductId}}","quantity":1}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadProblemAsync()).Status);
        Assert.Equal(before, await Shop.SnapshotAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string route, Who who, string productId)
    {
        var tokens = Shop.Basket.Tokens;
        var token = who switch
        {
            Who.Anonymous => null,
            Who.OtherShopper => tokens.Shopper("bob"),
            Who.Owner => tokens.Shopper("ada"),
            _ => tokens.Admin(),
        };
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
        var service = path.StartsWith("/product", StringComparison.Ordinal) || path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/swagger", StringComparison.Ordinal)
            ? Shop.Product.CreateClient(token)
            : path.StartsWith("/basket", StringComparison.Ordinal) ? Shop.Basket.CreateClient(token) : Shop.Ordering!.CreateClient(token);
        using var client = service;
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(method, path) };
        return await client.SendAsync(request);
    }

    /// <summary>A valid body for each write, whose success would change what the snapshot sees.</summary>
    private JsonContent? Body(string method, string path) => (method, path) switch
    {
        ("POST", "/product") or ("PUT", _) => JsonContent.Create(new { name = "Changed", price = 1m, category = "Phones" }),
        ("POST", "/basket") => JsonContent.Create(new { userName = "ada", items = new[] { new { productId = BasketProduct, quantity = 3 } } }),
        ("POST", "/basket/checkout") => JsonContent.Create(ShopRequests.Checkout("ada")),
        _ => null,
    };

    private static long Seconds(int fromNow) => DateTimeOffset.UtcNow.AddSeconds(fromNow).ToUnixTimeSeconds();

    private static string Tamper(string token, Func<string, string> change)
    {
        var parts = token.Split('.');
        var payload = change(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])));
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        return $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";
    }
}
