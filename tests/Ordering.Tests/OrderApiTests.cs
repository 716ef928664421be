using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Shared.Consumers;
using Ecommerce.Ordering.Events;
using Ecommerce.TestSupport;

namespace Ecommerce.Ordering.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class OrderApiTests(LocalEdge edge) : IDisposable
{
    private readonly OrderingService _service = new(edge, ConsumerMode.Off);
    private HttpClient Client => _client ??= _service.CreateClient();
    private HttpClient? _client;

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task A_users_orders_come_newest_first_across_pages()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var checkouts = Enumerable.Range(0, 5).Select(i => CheckoutMessages.Event("ada", at: start.AddSeconds(i))).ToList();
        await _service.CheckOutAsync([.. checkouts, CheckoutMessages.Event("bob")]);

        var pages = await OrderPages.AllAsync(Client, "/order/ada?limit=2");

        Assert.Equal(3, pages.Count);
        Assert.Equal(
            checkouts.Select(c => c.CheckoutId).Reverse(),
            pages.SelectMany(p => p.Items).Select(o => o.OrderId));
    }

    [Fact]
    public async Task Order_date_keeps_the_one_order_of_that_instant()
    {
        var checkouts = Enumerable.Range(0, 3).Select(_ => CheckoutMessages.Event("ada")).ToList();
        await _service.CheckOutAsync([.. checkouts]);

        var page = await Client.GetFromJsonAsync<OrderPageDto>($"/order/ada?orderDate={checkouts[1].CheckedOutAt}");

        Assert.Equal(checkouts[1].CheckoutId, Assert.Single(page!.Items).OrderId);
        Assert.Equal(checkouts[1].CheckedOutAt, page.Items[0].OrderDate);
    }

    [Fact]
    public async Task A_user_without_orders_gets_an_empty_page()
    {
        var response = await Client.GetAsync("/order/nobody");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<OrderPageDto>();
        Assert.Empty(page!.Items);
        Assert.Null(page.NextToken);
    }

    [Fact]
    public async Task The_list_of_all_orders_pages_through_every_order_once()
    {
        List<string> users = ["ada", "bob", "cy", "ada", "dee"];
        var checkouts = users.Select(u => CheckoutMessages.Event(u)).ToList();
        await _service.CheckOutAsync([.. checkouts]);

        var pages = await OrderPages.AllAsync(Client, "/order?limit=2");

        Assert.True(pages.Count >= 3);
        Assert.Equal(checkouts.Select(c => c.CheckoutId).Order(), pages.SelectMany(p => p.Items).Select(o => o.OrderId).Order());
    }

    [Theory]
    [InlineData("/order?limit=0", "limit")]
    [InlineData("/order?limit=101", "limit")]
    [InlineData("/order?nextToken=forged", "nextToken")]
    [InlineData("/order/ada?limit=0", "limit")]
    [InlineData("/order/ada?nextToken=x.y", "nextToken")]
    [InlineData("/order/ada?orderDate=yesterday", "orderDate")]
    [InlineData("/order/ada?orderDate=2026-11-25T12:00:00Z", "orderDate")]
    public async Task Bad_query_values_are_a_400_naming_the_parameter(string path, string field)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_token_of_one_users_list_is_refused_for_another()
    {
        await _service.CheckOutAsync(CheckoutMessages.Event("ada"), CheckoutMessages.Event("ada"));
        var page = await Client.GetFromJsonAsync<OrderPageDto>("/order/ada?limit=1");

        var response = await Client.GetAsync($"/order/bob?limit=1&nextToken={Uri.EscapeDataString(page!.NextToken!)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_user_name_over_100_characters_is_a_400()
    {
        var response = await Client.GetAsync($"/order/{new string('u', 2048)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Ready_checks_the_table_and_the_queue()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/ready")).StatusCode);

        using var withoutResources = new OrderingService(edge, ConsumerMode.Off);
        withoutResources.Settings["Aws:CreateResources"] = "false";
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await withoutResources.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_both_routes()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"));

        var paths = document.RootElement.GetProperty("paths");
        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/order").GetProperty("get").GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/order/{userName}").GetProperty("get").GetProperty("summary").GetString()));
    }
}
