using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Shared.Events;
using Ecommerce.TestSupport;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Ecommerce.EndToEnd.Tests;

/// <summary>
/// A checkout and the order it makes are one trace: Basket's request, its publish, and Ordering's
/// processing of the message and its write, parented across EventBridge and SQS by the trace header
/// that PutEvents carries and SQS delivers as <c>AWSTraceHeader</c>.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class CheckoutTraceTests(LocalEdge edge)
{
    [Fact]
    public async Task The_order_is_written_in_the_trace_of_the_checkout_that_published_it()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddAspNetCoreInstrumentation()
            .AddSource(TraceContext.Source.Name)
            .AddInMemoryExporter(spans)
            .Build();
        await using var shop = new WholeShop(edge);
        var orders = shop.Orders;
        var baskets = shop.Baskets;

        await shop.SaveBasketAsync("tracy", (await shop.CreateProductAsync("Kettle", 5m), 1));
        using var accepted = await baskets.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("tracy"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Eventually.HoldsAsync(
            async () => (await orders.GetFromJsonAsync<JsonElement>("/order/tracy")).GetProperty("items").GetArrayLength(),
            count => count == 1,
            TimeSpan.FromSeconds(15),
            "tracy's order");
        var save = await Eventually.ReturnsAsync(
            () => Task.FromResult(Snapshot(spans).FirstOrDefault(s => s.OperationName == "save order")),
            TimeSpan.FromSeconds(5),
            "the span of the order's write");

        var trace = Snapshot(spans).Where(s => s.TraceId == save.TraceId).ToList();
        var checkout = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/basket/checkout");
        var publish = Assert.Single(trace, s => s.OperationName == "publish CheckoutBasket");
        var process = Assert.Single(trace, s => s.OperationName == "process CheckoutBasket");
        Assert.Equal(checkout.SpanId, publish.ParentSpanId);
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(process.SpanId, save.ParentSpanId);
    }

    /// <summary>The spans exported so far (the exporter adds to the list as spans end).</summary>
    private static Activity[] Snapshot(List<Activity> spans) => spans.ToArray();
}
