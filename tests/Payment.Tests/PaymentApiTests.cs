using System.Net;
using System.Text.Json;
using Ecommerce.Contracts;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.Payments.Tests;

/// <summary><c>GET /payment/{orderId}</c>: an order's payment, for admins only.</summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class PaymentApiTests(LocalEdge edge) : IDisposable
{
    private readonly PaymentService _service = new PaymentService(edge).Started();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task An_admin_reads_an_authorized_payment_with_its_amount_as_money()
    {
        var order = Orders.Event(await new LocalProvider(edge).PaymentMethodAsync("5555555555554444"), totalPrice: 1234.5m);
        Assert.True(await _service.DeliverAsync(order, ResourceDefinitions.OrderStockReserved));

        using var client = _service.CreateClient();
        using var response = await client.GetAsync(new Uri($"/payment/{order.OrderId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            (order.OrderId, "Authorized", 1234.5m, "mastercard", "4444", JsonValueKind.Null),
            (body.GetProperty("orderId").GetString(), body.GetProperty("status").GetString(), body.GetProperty("amount").GetDecimal(),
                body.GetProperty("brand").GetString(), body.GetProperty("last4").GetString(), body.GetProperty("declineCode").ValueKind));
        Assert.StartsWith("pi_", body.GetProperty("paymentIntentId").GetString(), StringComparison.Ordinal);
        Assert.True(CheckoutBasketEvent.IsValidTime(body.GetProperty("updatedAt").GetString()));
    }

    [Fact]
    public async Task An_order_without_a_payment_is_not_found()
    {
        using var client = _service.CreateClient();

        using var response = await client.GetAsync(new Uri($"/payment/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("0f8fad5bd9cb469fa16570867728950e")]
    public async Task An_order_id_that_is_no_GUID_is_a_400_naming_it(string orderId)
    {
        using var client = _service.CreateClient();

        using var response = await client.GetAsync(new Uri($"/payment/{orderId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("orderId", (await response.ReadProblemAsync()).Errors!.Keys);
    }

    [Fact]
    public async Task A_shopper_may_not_read_a_payment_and_an_anonymous_caller_must_sign_in()
    {
        using var shopper = _service.CreateClient(_service.Tokens.Shopper("ada"));
        using var anonymous = _service.CreateClient(null);

        using var forbidden = await shopper.GetAsync(new Uri($"/payment/{Guid.NewGuid()}", UriKind.Relative));
        using var unauthorized = await anonymous.GetAsync(new Uri($"/payment/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (forbidden.StatusCode, unauthorized.StatusCode));
    }
}
