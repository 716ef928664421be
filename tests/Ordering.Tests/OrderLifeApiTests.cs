using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.Ordering.Tests;

/// <summary>One order over HTTP: read it, cancel it, ship it, list by status.</summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class OrderLifeApiTests(LocalEdge edge) : IDisposable
{
    private readonly OrderingService _service = new(edge, ConsumerMode.Off);
    private HttpClient Admin => _admin ??= _service.CreateClient();
    private HttpClient? _admin;

    private static readonly string[] Users = ["ada", "bob", "ada", "cy", "bob"];

    public void Dispose() => _service.Dispose();

    private HttpClient Shopper(string userName) => _service.CreateClient(_service.Tokens.Shopper(userName));

    [Fact]
    public async Task A_shopper_reads_their_own_order_and_an_admin_anyones()
    {
        var checkout = CheckoutMessages.Event("ada");
        await _service.CheckOutAsync(checkout);

        var own = await Shopper("ada").GetFromJsonAsync<OrderDto>($"/order/ada/{checkout.CheckoutId}");
        var asAdmin = await Admin.GetFromJsonAsync<OrderDto>($"/order/ada/{checkout.CheckoutId.ToUpperInvariant()}");

        Assert.Equal((checkout.CheckoutId, "Submitted", "Pending"), (own!.OrderId, own.Status, own.Payment.Status));
        Assert.Equal(own.Unlisted(), asAdmin!.Unlisted());
    }

    [Fact]
    public async Task The_order_json_names_statuses_and_holds_no_payment_method_or_card()
    {
        var checkout = await _service.ConfirmedOrderAsync();

        using var order = JsonDocument.Parse(await Admin.GetStringAsync($"/order/ada/{checkout.CheckoutId}"));

        Assert.Equal("Confirmed", order.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, order.RootElement.GetProperty("cancelReason").ValueKind);
        Assert.Equal("Authorized", order.RootElement.GetProperty("payment").GetProperty("status").GetString());
        Assert.False(order.RootElement.TryGetProperty("paymentMethodId", out _));
        Assert.False(order.RootElement.TryGetProperty("paymentMethod", out _));
        Assert.False(order.RootElement.TryGetProperty("cardLast4", out _));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/cancel")]
    [InlineData("POST", "/ship")]
    public async Task Another_shopper_is_refused_with_403_and_nothing_changes(string method, string action)
    {
        var checkout = CheckoutMessages.Event("ada");
        await _service.CheckOutAsync(checkout);

        var response = await Shopper("bob").SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/order/ada/{checkout.CheckoutId}{action}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Submitted", (await _service.OrderAsync(checkout)).Status);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/cancel")]
    [InlineData("POST", "/ship")]
    public async Task An_unknown_order_or_one_under_another_users_name_is_a_404(string method, string action)
    {
        var adas = CheckoutMessages.Event("ada");
        await _service.CheckOutAsync(adas);

        var unknown = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/order/ada/{Guid.NewGuid()}{action}"));
        var underBob = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/order/bob/{adas.CheckoutId}{action}"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, underBob.StatusCode);
        Assert.Equal(404, (await underBob.ReadProblemAsync()).Status);
        Assert.Equal("Submitted", (await _service.OrderAsync(adas)).Status);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/cancel")]
    [InlineData("POST", "/ship")]
    public async Task An_order_id_that_is_no_guid_is_a_400_naming_it(string method, string action)
    {
        var response = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/order/ada/not-a-guid{action}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).Errors!.ContainsKey("orderId"));
    }

    [Fact]
    public async Task A_shopper_cancels_their_order_and_cancelling_again_answers_it_unchanged()
    {
        var checkout = CheckoutMessages.Event("ada");
        await _service.CheckOutAsync(checkout);

        var first = await Shopper("ada").PostAsync($"/order/ada/{checkout.CheckoutId}/cancel", null);
        var cancelled = await first.Content.ReadFromJsonAsync<OrderDto>();
        var second = await Shopper("ada").PostAsync($"/order/ada/{checkout.CheckoutId}/cancel", null);
        var again = await second.Content.ReadFromJsonAsync<OrderDto>();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("Cancelled", "ByShopper"), (cancelled!.Status, cancelled.CancelReason));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(cancelled.Unlisted(), again!.Unlisted());
    }

    [Fact]
    public async Task An_admin_cancels_a_confirmed_order_as_ByAdmin()
    {
        var checkout = await _service.ConfirmedOrderAsync("ada");

        var response = await Admin.PostAsync($"/order/ada/{checkout.CheckoutId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<OrderDto>();
        Assert.Equal(("Cancelled", "ByAdmin", "Authorized"), (order!.Status, order.CancelReason, order.Payment.Status));
    }

    [Fact]
    public async Task An_admin_ships_a_confirmed_order_and_then_it_can_be_neither_shipped_again_nor_cancelled()
    {
        var checkout = await _service.ConfirmedOrderAsync("ada");

        var shipped = await Admin.PostAsync($"/order/ada/{checkout.CheckoutId}/ship", null);
        var shippedAgain = await Admin.PostAsync($"/order/ada/{checkout.CheckoutId}/ship", null);
        var cancel = await Shopper("ada").PostAsync($"/order/ada/{checkout.CheckoutId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        Assert.Equal("Shipped", (await shipped.Content.ReadFromJsonAsync<OrderDto>())!.Status);
        Assert.Equal(HttpStatusCode.Conflict, shippedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Contains("Shipped", (await cancel.ReadProblemAsync()).Title, StringComparison.Ordinal);
        Assert.Equal("Shipped", (await _service.OrderAsync(checkout)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ResourceDefinitions.StockReserved)]
    [InlineData(ResourceDefinitions.StockRejected)]
    public async Task An_order_not_confirmed_cannot_ship(string? answer)
    {
        var checkout = CheckoutMessages.Event("ada");
        await _service.CheckOutAsync(checkout);
        if (answer is not null)
        {
            Assert.Empty(await _service.AnswerAsync(checkout, (answer, null)));
        }

        var before = await _service.OrderAsync(checkout);
        var response = await Admin.PostAsync($"/order/ada/{checkout.CheckoutId}/ship", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before.Unlisted(), (await _service.OrderAsync(checkout)).Unlisted());
    }

    [Fact]
    public async Task A_shopper_may_not_ship_even_their_own_order()
    {
        var checkout = await _service.ConfirmedOrderAsync("ada");

        var response = await Shopper("ada").PostAsync($"/order/ada/{checkout.CheckoutId}/ship", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Confirmed", (await _service.OrderAsync(checkout)).Status);
    }

    [Fact]
    public async Task Ship_racing_cancel_has_exactly_one_winner_every_time()
    {
        const int races = 20;
        var checkouts = new List<CheckoutBasketEvent>();
        for (var i = 0; i < races; i++)
        {
            checkouts.Add(await _service.ConfirmedOrderAsync("ada"));
        }

        var shopper = Shopper("ada");
        foreach (var checkout in checkouts)
        {
            var ship = Admin.PostAsync($"/order/ada/{checkout.CheckoutId}/ship", null);
            var cancel = shopper.PostAsync($"/order/ada/{checkout.CheckoutId}/cancel", null);
            var (shipped, cancelled) = ((await ship).StatusCode, (await cancel).StatusCode);

            var final = (await _service.OrderAsync(checkout)).Status;
            Assert.True(
                (shipped, cancelled, final) is (HttpStatusCode.OK, HttpStatusCode.Conflict, "Shipped") or (HttpStatusCode.Conflict, HttpStatusCode.OK, "Cancelled"),
                $"ship {shipped}, cancel {cancelled}, order {final}");
        }
    }

    [Fact]
    public async Task Orders_in_a_status_come_newest_first_across_users_a_page_at_a_time()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var cancelled = Users.Select((user, i) => CheckoutMessages.Event(user, at: start.AddSeconds(i))).ToList();
        var submitted = new[] { CheckoutMessages.Event("ada", at: start.AddSeconds(10)), CheckoutMessages.Event("bob", at: start.AddSeconds(11)) };
        await _service.CheckOutAsync([.. cancelled, .. submitted]);
        foreach (var checkout in cancelled)
        {
            Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.StockRejected, null)));
        }

        var pages = await OrderPages.AllAsync(Admin, "/order?status=Cancelled&limit=2");
        var adasSubmitted = await OrderPages.AllAsync(Admin, "/order/ada?status=Submitted&limit=1");

        Assert.Equal(3, pages.Count);
        Assert.Equal(cancelled.Select(c => c.CheckoutId).Reverse(), pages.SelectMany(p => p.Items).Select(o => o.OrderId));
        Assert.Equal([submitted[0].CheckoutId], adasSubmitted.SelectMany(p => p.Items).Select(o => o.OrderId));
    }

    [Theory]
    [InlineData("/order?status=cancelled")]
    [InlineData("/order?status=1")]
    [InlineData("/order?status=Lost")]
    [InlineData("/order/ada?status=")]
    [InlineData("/order/ada?status=Confirmed,Shipped")]
    public async Task A_status_that_is_none_of_the_statuses_is_a_400_naming_it(string path)
    {
        var response = await Admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).Errors!.ContainsKey("status"));
    }

    [Fact]
    public async Task A_token_of_one_status_list_is_refused_for_another()
    {
        await _service.CheckOutAsync(CheckoutMessages.Event("ada"), CheckoutMessages.Event("ada"));
        var page = await Admin.GetFromJsonAsync<OrderPageDto>("/order?status=Submitted&limit=1");

        var response = await Admin.GetAsync($"/order?status=Confirmed&limit=1&nextToken={Uri.EscapeDataString(page!.NextToken!)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_and_the_statuses_as_strings()
    {
        using var document = JsonDocument.Parse(await Admin.GetStringAsync("/swagger/v1/swagger.json"));

        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/order/{userName}/{orderId}", "get"), ("/order/{userName}/{orderId}/cancel", "post"), ("/order/{userName}/{orderId}/ship", "post") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), path);
            Assert.True(operation.GetProperty("responses").TryGetProperty("404", out _), path);
        }

        Assert.True(paths.GetProperty("/order/{userName}/{orderId}/ship").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var statuses = schemas.GetProperty("OrderStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["Submitted", "StockReserved", "Confirmed", "Shipped", "Cancelled"], statuses);
        Assert.Contains("CaptureFailed", schemas.GetProperty("PaymentStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
