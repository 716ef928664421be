using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Baskets.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class BasketApiTests(LocalEdge edge) : IDisposable
{
    private readonly BasketService _service = new(edge);
    private HttpClient Client => _client ??= _service.CreateClient();
    private HttpClient? _client;

    private Task<HttpResponseMessage> PostBasketAsync(string userName, params (string ProductId, int Quantity, decimal Price)[] items) =>
        _service.PostBasketAsync(Client, userName, items);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Saving_a_basket_answers_it_with_the_total_the_server_computed()
    {
        var response = await PostBasketAsync("ada", ("p1", 2, 10.25m), ("p2", 1, 5m));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var basket = await response.Content.ReadFromJsonAsync<BasketDto>();
        Assert.Equal("ada", basket!.UserName);
        Assert.Equal(25.5m, basket.TotalPrice);
        Assert.Equal(["p1", "p2"], basket.Items.Select(i => i.ProductId));
        Assert.Equal(new BasketItemDto("p1", "Name of p1", "Black", 2, 10.25m), basket.Items[0]);
    }

    [Fact]
    public async Task A_price_name_or_total_sent_by_the_client_has_no_effect_the_catalogue_prices_the_basket()
    {
        await _service.CatalogueAsync(("p1", 7m));
        var body = new { userName = "ada", totalPrice = 0.01m, items = new[] { new { productId = "p1", productName = "Free phone", quantity = 3, price = 0.01m } } };

        var basket = await (await Client.PostAsJsonAsync("/basket", body)).Content.ReadFromJsonAsync<BasketDto>();

        Assert.Equal(21m, basket!.TotalPrice);
        Assert.Equal(new BasketItemDto("p1", "Name of p1", null, 3, 7m), basket.Items[0]);
        Assert.Equal(21m, (await Client.GetFromJsonAsync<BasketDto>("/basket/ada"))!.TotalPrice);
    }

    [Fact]
    public async Task A_basket_is_priced_as_the_catalogue_is_now_when_it_is_read()
    {
        await PostBasketAsync("ada", ("p1", 2, 10m));

        await _service.CatalogueAsync(("p1", 12.5m));

        var basket = await Client.GetFromJsonAsync<BasketDto>("/basket/ada");
        Assert.Equal((12.5m, 25m), (basket!.Items[0].Price, basket.TotalPrice));
    }

    [Fact]
    public async Task A_product_unknown_to_the_catalogue_or_deleted_is_a_400_naming_the_item_and_nothing_is_stored()
    {
        await _service.CatalogueAsync(("sold", 1m), ("gone", 2m));
        await _service.Services.GetRequiredService<Catalogue.CatalogueView>().ApplyAsync(
            new Shared.Events.ProductChangedEvent("gone", "Gone phone", 2m, "Test", null, Version: 1000, Deleted: true), default);
        var body = new { userName = "ada", items = new[] { new { productId = "sold", quantity = 1 }, new { productId = "gone", quantity = 1 }, new { productId = "never", quantity = 1 } } };

        var response = await Client.PostAsJsonAsync("/basket", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).Errors!;
        Assert.Equal(["items[1].productId", "items[2].productId"], errors.Keys.Order());
        Assert.Contains("Gone phone", errors["items[1].productId"][0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/basket/ada")).StatusCode);
    }

    public static TheoryData<decimal[], int[], decimal> AwkwardTotals => new()
    {
        { [0.1m, 0.2m], [1, 1], 0.3m },
        { [0.1m], [3], 0.3m },
        { [19.99m], [3], 59.97m },
        { [0.01m], [1000], 10m },
        { [999999.99m, 0.01m], [1000, 1], 999999990.01m },
        { [33.33m, 33.33m, 33.34m], [1, 1, 1], 100m },
        { [0m], [5], 0m },
    };

    [Theory]
    [MemberData(nameof(AwkwardTotals))]
    public async Task Totals_are_exact_in_decimal(decimal[] prices, int[] quantities, decimal expected)
    {
        var items = prices.Select((price, i) => ($"p{i}", quantities[i], price)).ToArray();

        var basket = await (await PostBasketAsync("ada", items)).Content.ReadFromJsonAsync<BasketDto>();

        Assert.Equal(expected, basket!.TotalPrice);
    }

    [Fact]
    public async Task Saving_again_replaces_the_basket()
    {
        await PostBasketAsync("ada", ("p1", 1, 1m), ("p2", 1, 2m));

        await PostBasketAsync("ada", ("p3", 4, 2.5m));

        var basket = await Client.GetFromJsonAsync<BasketDto>("/basket/ada");
        Assert.Equal(["p3"], basket!.Items.Select(i => i.ProductId));
        Assert.Equal(10m, basket.TotalPrice);
    }

    public static TheoryData<string, string> InvalidBaskets => new()
    {
        { """{"items":[]}""", "userName" },
        { """{"userName":"","items":[]}""", "userName" },
        { $$"""{"userName":"{{new string('u', 101)}}","items":[]}""", "userName" },
        { """{"userName":"ada"}""", "items" },
        { $$"""{"userName":"ada","items":[{{string.Join(',', Enumerable.Repeat("""{"productId":"p","quantity":1,"price":1}""", 101))}}]}""", "items" },
        { """{"userName":"ada","items":[{"quantity":1,"price":1}]}""", "items[0].productId" },
        { """{"userName":"ada","items":[{"productId":"p","price":1}]}""", "items[0].quantity" },
        { """{"userName":"ada","items":[{"productId":"p","quantity":0,"price":1}]}""", "items[0].quantity" },
        { """{"userName":"ada","items":[{"productId":"p","quantity":1001,"price":1}]}""", "items[0].quantity" },
        { """{"userName":"ada","items":[{"productId":"not-in-the-catalogue","quantity":1}]}""", "items[0].productId" },
    };

    [Theory]
    [MemberData(nameof(InvalidBaskets))]
    public async Task An_invalid_basket_is_a_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var response = await Client.PostAsync("/basket", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadProblemAsync()).Errors!.Keys);
        Assert.Empty((await Client.GetFromJsonAsync<BasketPageDto>("/basket"))!.Items);
    }

    [Theory]
    [InlineData("""{"userName":"ada","items":[{"productId":"p","quantity":1.5,"price":1}]}""")]
    [InlineData("""{"userName":"ada","items":[{"productId":"p","quantity":"two","price":1}]}""")]
    [InlineData("""{"userName":"ada","items":{"productId":"p"}}""")]
    [InlineData("""{"userName":"ada","items":[{"productId":"p","quantity":1,"price":79228162514264337593543950336}]}""")]
    [InlineData("{")]
    public async Task Mistyped_or_malformed_json_is_a_400_and_nothing_is_stored(string body)
    {
        var response = await Client.PostAsync("/basket", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadProblemAsync()).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/basket/ada")).StatusCode);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("a%2Fb")]
    [InlineData("..")]
    public async Task A_basket_that_does_not_exist_is_a_404_problem(string userName)
    {
        var response = await Client.GetAsync($"/basket/{userName}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await response.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task A_user_name_no_user_can_have_is_a_400_naming_the_field_for_reads_and_deletes_as_in_ordering()
    {
        var name = new string('u', 2048);

        foreach (var response in new[] { await Client.GetAsync($"/basket/{name}"), await Client.DeleteAsync($"/basket/{name}") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("userName", (await response.ReadProblemAsync()).Errors!.Keys);
        }
    }

    [Fact]
    public async Task A_user_name_no_user_can_have_is_judged_after_ownership_401_then_403_then_400()
    {
        var path = $"/basket/{new string('u', 2048)}";
        using var anonymous = _service.CreateClient(accessToken: null);
        using var bob = _service.CreateClient(_service.Tokens.Shopper("bob"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_basket_answers_204_and_then_404()
    {
        await PostBasketAsync("ada", ("p1", 1, 1m));

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/basket/ada")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/basket/ada")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync("/basket/ada")).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_through_every_basket_once()
    {
        var users = Enumerable.Range(0, 5).Select(i => $"user{i}").ToList();
        foreach (var user in users)
        {
            await PostBasketAsync(user, ("p", 1, 1m));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.GetFromJsonAsync<BasketPageDto>("/basket?limit=2" + (token is null ? "" : $"&nextToken={Uri.EscapeDataString(token)}"));
            seen.AddRange(page!.Items.Select(b => b.UserName));
            token = page.NextToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.True(pages >= 3);
        Assert.Equal(users, seen.Order());
    }

    [Theory]
    [InlineData("/basket?limit=0")]
    [InlineData("/basket?limit=101")]
    [InlineData("/basket?nextToken=forged")]
    public async Task A_bad_limit_or_token_is_a_400(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadProblemAsync()).Errors!);
    }
}
