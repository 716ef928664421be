using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Ecommerce.TestSupport;

namespace Ecommerce.Inventory.Tests;

/// <summary>
/// The HTTP routes: anyone may ask what can be ordered; admins read and count stock records, with ETags, and a count
/// below what orders hold reserved is refused. Bad input is a 400 that changes nothing.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class InventoryApiTests(LocalEdge edge) : IDisposable
{
    private readonly InventoryService _service = new(edge);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Anyone_may_ask_what_can_be_ordered_and_unknown_products_are_left_out()
    {
        var ids = await _service.StockedProductsAsync(2, onHand: 9);
        using var anonymous = _service.CreateClient(accessToken: null);

        var answer = await anonymous.GetFromJsonAsync<AvailabilityDto>($"/inventory?productIds={ids[1]},unknown,{ids[0]},{ids[1]}");

        Assert.Equal([new StockLevelDto(ids[1], 9), new StockLevelDto(ids[0], 9)], answer!.Items);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?productIds=")]
    [InlineData("?productIds=a,,b")]
    [InlineData("?productIds=a,%20")]
    [InlineData("?productIds=a%01b")]
    public async Task An_availability_query_without_good_product_ids_is_a_400(string query)
    {
        using var response = await _service.CreateClient(accessToken: null).GetAsync("/inventory" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("productIds", (await response.ReadProblemAsync()).Errors!.Keys);
    }

    [Fact]
    public async Task An_availability_query_may_name_100_products_and_no_more()
    {
        var ids = Enumerable.Range(0, 101).Select(i => $"p{i}").ToList();

        using var hundred = await _service.Admin.GetAsync($"/inventory?productIds={string.Join(',', ids.Take(100))}");
        using var tooMany = await _service.Admin.GetAsync($"/inventory?productIds={string.Join(',', ids)}");
        using var tooLong = await _service.Admin.GetAsync($"/inventory?productIds={new string('x', 101)}");

        Assert.Equal(HttpStatusCode.OK, hundred.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task An_admin_reads_a_stock_record_with_its_etag_and_sets_it_with_if_match()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 5))[0];
        using var read = await _service.Admin.GetAsync($"/inventory/{id}");
        var etag = read.Headers.ETag!;

        using var set = await PutAsync(id, """{"onHand":8}""", etag.Tag);
        using var stale = await PutAsync(id, """{"onHand":9}""", etag.Tag);
        using var unconditional = await PutAsync(id, """{"onHand":1000000}""");

        Assert.Equal(new StockDto(id, 5, 0, 5, 2), await read.Content.ReadFromJsonAsync<StockDto>());
        Assert.Equal("\"2\"", etag.Tag);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(new StockDto(id, 8, 0, 8, 3), await set.Content.ReadFromJsonAsync<StockDto>());
        Assert.Equal("\"3\"", set.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await stale.ReadProblemAsync();
        Assert.Equal(HttpStatusCode.OK, unconditional.StatusCode);
        Assert.Equal(new StockDto(id, 1_000_000, 0, 1_000_000, 4), await _service.StockAsync(id));
    }

    [Theory]
    [InlineData("""{"onHand":-1}""")]
    [InlineData("""{"onHand":1000001}""")]
    [InlineData("""{"onHand":2.5}""")]
    [InlineData("""{"onHand":"3"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"onHand":3,"onHand":4}""")]
    [InlineData("""not json""")]
    public async Task Setting_stock_to_anything_but_a_count_of_0_to_a_million_is_a_400_that_changes_nothing(string body)
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 5))[0];

        using var response = await PutAsync(id, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ReadProblemAsync();
        Assert.Equal(new StockDto(id, 5, 0, 5, 2), await _service.StockAsync(id));
    }

    [Fact]
    public async Task Reading_or_setting_the_stock_of_an_unknown_product_is_a_404_and_creates_nothing()
    {
        var id = Guid.NewGuid().ToString();

        using var read = await _service.Admin.GetAsync($"/inventory/{id}");
        using var set = await PutAsync(id, """{"onHand":3}""");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, set.StatusCode);
        await set.ReadProblemAsync();
        Assert.Null(await _service.StockAsync(id));
    }

    [Fact]
    public async Task Setting_fewer_units_on_hand_than_orders_hold_reserved_is_a_409()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 10))[0];
        var order = Orders.New((id, 6));
        await _service.SubmitAsync(order);
        await _service.AwaitLoggedAsync(order.OrderId, "reserve");

        using var below = await PutAsync(id, """{"onHand":5}""");
        using var atReserved = await PutAsync(id, """{"onHand":6}""");

        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        Assert.Contains("6", (await below.ReadProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, atReserved.StatusCode);
        var stock = await _service.StockAsync(id);
        Assert.Equal((6, 6, 0), (stock!.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task Only_an_admin_may_read_or_set_a_stock_record()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 5))[0];
        using var anonymous = _service.CreateClient(accessToken: null);
        using var shopper = _service.CreateClient(_service.Tokens.Shopper("ada"));

        using var anonymousRead = await anonymous.GetAsync($"/inventory/{id}");
        using var anonymousSet = await anonymous.PutAsJsonAsync($"/inventory/{id}", new { onHand = 1 });
        using var shopperRead = await shopper.GetAsync($"/inventory/{id}");
        using var shopperSet = await shopper.PutAsJsonAsync($"/inventory/{id}", new { onHand = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRead.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousSet.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, shopperRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, shopperSet.StatusCode);
        Assert.Equal(new StockDto(id, 5, 0, 5, 2), await _service.StockAsync(id));
    }

    [Fact]
    public async Task The_openapi_document_lists_every_inventory_route()
    {
        var document = await _service.Admin.GetStringAsync("/swagger/v1/swagger.json");

        Assert.Contains("\"/inventory\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/inventory/{productId}\"", document, StringComparison.Ordinal);
        foreach (var operation in new[] { "GetAvailability", "GetStock", "SetStock", "StockRecord", "SetStockInput", "Availability" })
        {
            Assert.Contains(operation, document, StringComparison.Ordinal);
        }
    }

    private Task<HttpResponseMessage> PutAsync(string id, string body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/inventory/{id}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return _service.Admin.SendAsync(request);
    }
}
