using System.Diagnostics;
using System.Net.Http.Json;
using Amazon.SQS.Model;
using Ecommerce.Contracts;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Inventory.Tests;

/// <summary>
/// An order's stock through its life, fed by order events on the bus and answered on the bus: reserved all or nothing
/// and at most once, released or taken exactly once, whatever the redelivery, the reordering or the concurrency.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class ReservationTests(LocalEdge edge) : IAsyncLifetime, IDisposable
{
    private readonly InventoryService _service = new(edge);
    private AnswerObserver _answers = null!;

    public async Task InitializeAsync() => _answers = await AnswerObserver.StartAsync(_service);

    public async Task DisposeAsync() => await _answers.DisposeAsync();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task A_submitted_order_is_reserved_and_answered_in_the_trace_of_its_event()
    {
        using var tracing = ListenToTraces();
        var ids = await _service.StockedProductsAsync(2, onHand: 10);
        var order = Orders.New((ids[0], 3), (ids[1], 1), (ids[0], 2));
        const string TraceHeader = "Root=1-6733c3e2-0f1e2d3c4b5a69788796a5b4;Parent=53995c3f42cd8ad8;Sampled=1";

        await _service.PublishAsync([_service.OrderStep(order, OrderStatus.Submitted, TraceHeader)]);

        var answer = Assert.Single(await _answers.ExpectAsync(order.OrderId, 1));
        Assert.Equal(new Answer(ResourceDefinitions.StockReserved, order.OrderId, "ada", order.OrderDate, answer.TraceHeader), answer);
        Assert.StartsWith("Root=1-6733c3e2-0f1e2d3c4b5a69788796a5b4;", answer.TraceHeader, StringComparison.Ordinal);
        Assert.Equal(new StockDto(ids[0], 10, 5, 5, 3), await _service.StockAsync(ids[0]));
        Assert.Equal(new StockDto(ids[1], 10, 1, 9, 3), await _service.StockAsync(ids[1]));
    }

    [Fact]
    public async Task An_order_with_one_line_short_reserves_nothing_and_is_rejected()
    {
        var ids = await _service.StockedProductsAsync(3, onHand: 4);
        var order = Orders.New((ids[0], 4), (ids[1], 5), (ids[2], 1));
        var unknown = Orders.New((ids[0], 1), (Guid.NewGuid().ToString(), 1));

        await _service.SubmitAsync(order, unknown);

        var answers = await _answers.ExpectAsync([order.OrderId, unknown.OrderId], 2);
        Assert.All(answers, answer => Assert.Equal(ResourceDefinitions.StockRejected, answer.DetailType));
        Assert.Equal(ids.ToDictionary(id => id, _ => 4), await _service.AvailabilityAsync(ids));
    }

    [Fact]
    public async Task An_order_of_a_product_deleted_since_checkout_is_rejected()
    {
        var ids = await _service.StockedProductsAsync(2, onHand: 4);
        await _service.ChangeProductsAsync([ids[1]], deleted: true);
        await Eventually.HoldsAsync(() => _service.StockAsync(ids[1]), stock => stock is null, TimeSpan.FromSeconds(15), "the product deleted");
        var order = Orders.New((ids[0], 1), (ids[1], 1));

        await _service.SubmitAsync(order);

        Assert.Equal(ResourceDefinitions.StockRejected, Assert.Single(await _answers.ExpectAsync(order.OrderId, 1)).DetailType);
        Assert.Equal(new StockDto(ids[0], 4, 0, 4, 2), await _service.StockAsync(ids[0]));
    }

    [Fact]
    public async Task A_redelivered_submission_reserves_once_and_answers_again()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 10))[0];
        var order = Orders.New((id, 4));
        var rejected = Orders.New((id, 11));

        await _service.SubmitAsync(order, rejected);
        await _answers.ExpectAsync([order.OrderId, rejected.OrderId], 2);
        await _service.SubmitAsync(order, rejected);

        var answers = await _answers.ExpectAsync([order.OrderId, rejected.OrderId], 4);
        Assert.Equal(2, answers.Count(answer => answer.OrderId == order.OrderId && answer.DetailType == ResourceDefinitions.StockReserved));
        Assert.Equal(2, answers.Count(answer => answer.OrderId == rejected.OrderId && answer.DetailType == ResourceDefinitions.StockRejected));
        var stock = await _service.StockAsync(id);
        Assert.Equal((10, 4, 6), (stock!.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task An_order_cancelled_before_its_submission_arrived_reserves_nothing_when_it_does()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 10))[0];
        var order = Orders.New((id, 4));

        await _service.CancelAsync(order);
        await _service.AwaitLoggedAsync(order.OrderId, "release");
        await _service.SubmitAsync(order);
        await _service.AwaitLoggedAsync(order.OrderId, "reserve");

        await _answers.ExpectAsync(order.OrderId, 0);
        Assert.Equal(new StockDto(id, 10, 0, 10, 2), await _service.StockAsync(id));
        Assert.Contains(_service.Logs.Lines, line => line.Contains($"Order {order.OrderId} release: nothing reserved yet, tombstone written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_order_is_released_once_however_often_the_cancel_comes()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 10))[0];
        var order = Orders.New((id, 4));
        var other = Orders.New((id, 3));
        await _service.SubmitAsync(order, other);
        await _answers.ExpectAsync([order.OrderId, other.OrderId], 2);

        await _service.CancelAsync(order);
        await _service.CancelAsync(order);
        await _service.AwaitLoggedAsync(order.OrderId, "release", count: 2);

        var stock = await _service.StockAsync(id);
        Assert.Equal((10, 3, 7), (stock!.OnHand, stock.Reserved, stock.Available));
        await _answers.ExpectAsync([order.OrderId, other.OrderId], 2);
    }

    [Fact]
    public async Task A_shipped_order_is_taken_once_and_a_cancel_after_it_changes_nothing()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 10))[0];
        var order = Orders.New((id, 4));
        await _service.SubmitAsync(order);
        await _answers.ExpectAsync(order.OrderId, 1);

        await _service.ShipAsync(order);
        await _service.ShipAsync(order);
        await _service.AwaitLoggedAsync(order.OrderId, "take", count: 2);
        await _service.CancelAsync(order);
        await _service.AwaitLoggedAsync(order.OrderId, "release");

        var stock = await _service.StockAsync(id);
        Assert.Equal((6, 0, 6), (stock!.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task An_order_of_100_products_is_reserved_whole_released_whole_and_another_taken_whole()
    {
        var ids = await _service.StockedProductsAsync(100, onHand: 5);
        var released = Orders.New([.. ids.Select(id => (id, 2))]);
        var taken = Orders.New([.. ids.Select(id => (id, 3))]);

        await _service.SubmitAsync(released);
        await _answers.ExpectAsync(released.OrderId, 1);
        Assert.Equal(ids.ToDictionary(id => id, _ => 3), await _service.AvailabilityAsync(ids));
        await _service.CancelAsync(released);
        await _service.AwaitLoggedAsync(released.OrderId, "release");
        Assert.Equal(ids.ToDictionary(id => id, _ => 5), await _service.AvailabilityAsync(ids));
        await _service.SubmitAsync(taken);
        await _answers.ExpectAsync(taken.OrderId, 1);
        await _service.ShipAsync(taken);
        await _service.AwaitLoggedAsync(taken.OrderId, "take");

        Assert.Equal(ids.ToDictionary(id => id, _ => 2), await _service.AvailabilityAsync(ids));
        foreach (var id in new[] { ids[0], ids[98], ids[99] })
        {
            var stock = await _service.StockAsync(id);
            Assert.Equal((2, 0, 2), (stock!.OnHand, stock.Reserved, stock.Available));
        }

        Assert.All(await _answers.ExpectAsync([released.OrderId, taken.OrderId], 2), answer => Assert.Equal(ResourceDefinitions.StockReserved, answer.DetailType));
    }

    [Fact]
    public async Task An_order_of_100_products_whose_last_line_is_short_gives_back_its_first_chunk_and_is_rejected()
    {
        var ids = (await _service.StockedProductsAsync(100, onHand: 5)).Order(StringComparer.Ordinal).ToArray();
        using (var set = await _service.Admin.PutAsJsonAsync($"/inventory/{ids[99]}", new { onHand = 1 }))
        {
            set.EnsureSuccessStatusCode();
        }

        var order = Orders.New([.. ids.Select(id => (id, 2))]);

        await _service.SubmitAsync(order);

        Assert.Equal(ResourceDefinitions.StockRejected, Assert.Single(await _answers.ExpectAsync(order.OrderId, 1)).DetailType);
        Assert.Equal(ids.ToDictionary(id => id, id => id == ids[99] ? 1 : 5), await _service.AvailabilityAsync(ids));
        Assert.Equal(new StockDto(ids[0], 5, 0, 5, 4), await _service.StockAsync(ids[0]));
    }

    [Fact]
    public async Task Twenty_orders_at_once_for_the_last_seven_units_reserve_exactly_seven_and_never_oversell()
    {
        for (var round = 0; round < 3; round++)
        {
            var id = (await _service.StockedProductsAsync(1, onHand: 7))[0];
            var orders = Enumerable.Range(0, 20).Select(_ => Orders.New((id, 1))).ToList();
            var seen = new List<StockDto>();

            await _service.SubmitAsync([.. orders]);

            var orderIds = orders.Select(order => order.OrderId).ToHashSet();
            await Eventually.HoldsAsync(
                async () =>
                {
                    seen.Add((await _service.StockAsync(id))!);
                    return (await _answers.ReceivedAboutAsync(orderIds)).Select(answer => answer.OrderId).Distinct().Count();
                },
                answered => answered == orders.Count,
                TimeSpan.FromSeconds(60),
                "an answer to every order");

            Assert.All(seen, stock => Assert.True(stock.Available >= 0 && stock.Reserved <= stock.OnHand && stock.Available == stock.OnHand - stock.Reserved, $"{stock}"));
            Assert.Equal(new StockDto(id, 7, 7, 0, 9), await _service.StockAsync(id));
            var answerOf = _answers.Answers.Where(answer => orderIds.Contains(answer.OrderId)).GroupBy(answer => answer.OrderId)
                .ToDictionary(answers => answers.Key, answers => Assert.Single(answers.Select(answer => answer.DetailType).Distinct()));
            Assert.Equal(7, answerOf.Values.Count(detailType => detailType == ResourceDefinitions.StockReserved));
            Assert.Equal(13, answerOf.Values.Count(detailType => detailType == ResourceDefinitions.StockRejected));
        }
    }

    [FaultInjectionFact]
    public async Task When_the_answer_cannot_be_published_the_message_comes_again_and_the_answer_goes_out_once_the_bus_is_back()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 10))[0];
        var order = Orders.New((id, 4));
        using var sqs = _service.CreateSqsClient();
        var queue = _service.Services.GetRequiredService<ResourceNames>()[ResourceDefinitions.InventoryOrderQueue];
        var queueUrl = (await sqs.GetQueueUrlAsync(queue)).QueueUrl;
        await edge.InjectFaultAsync("PutEvents", "InternalException", 500, AwsClientExtensions.MaxAttempts);
        try
        {
            await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, Envelope(order)));

            var answers = await Eventually.HoldsAsync(
                () => _answers.ReceivedAboutAsync([order.OrderId]), received => received.Count > 0, TimeSpan.FromSeconds(30), "the answer");

            Assert.All(answers, answer => Assert.Equal(ResourceDefinitions.StockReserved, answer.DetailType));
            Assert.Contains(_service.Logs.Lines, line => line.Contains("left for redelivery", StringComparison.Ordinal));
            Assert.True(_service.Logs.Lines.Count(line => line.Contains($"Order {order.OrderId} reserve: reserved", StringComparison.Ordinal)) >= 2);
            var stock = await _service.StockAsync(id);
            Assert.Equal((10, 4, 6), (stock!.OnHand, stock.Reserved, stock.Available));
        }
        finally
        {
            await edge.ClearFaultsAsync();
        }
    }

    [Fact]
    public async Task An_order_event_the_ledger_cannot_read_is_left_for_the_dead_letter_queue_and_moves_no_stock()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 10))[0];
        var tooMany = Orders.New((id, Limits.MaxQuantity + 1));
        var noLines = Orders.New((id, 1)) with { Items = [] };
        using var sqs = _service.CreateSqsClient();
        var queueUrl = (await sqs.GetQueueUrlAsync(_service.Services.GetRequiredService<ResourceNames>()[ResourceDefinitions.InventoryOrderQueue])).QueueUrl;

        await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, Envelope(tooMany)));
        await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, Envelope(noLines)));

        await Eventually.HoldsAsync(
            () => Task.FromResult(_service.Logs.Lines.Count(line => line.Contains("is not a valid OrderSubmitted/OrderCancelled/OrderShipped event", StringComparison.Ordinal))),
            rejected => rejected >= 2,
            TimeSpan.FromSeconds(15),
            "both messages refused");
        await _answers.ExpectAsync([tooMany.OrderId, noLines.OrderId], 0);
        Assert.Equal(new StockDto(id, 10, 0, 10, 2), await _service.StockAsync(id));
    }

    /// <summary>The EventBridge envelope SQS delivers an OrderSubmitted event in.</summary>
    private static string Envelope(OrderEvent order) =>
        $$"""
        {"version":"0","id":"{{Guid.NewGuid()}}","detail-type":"{{ResourceDefinitions.OrderSubmitted}}","source":"{{OrderEvent.Source}}",
         "account":"000000000000","time":"2026-11-25T12:00:00Z","region":"us-east-1","resources":[],
         "detail":{{System.Text.Json.JsonSerializer.Serialize(order, OrderEventJsonContext.Default.OrderEvent)}}}
        """;

    /// <summary>Makes the service's spans, so that its answers carry a trace header as they do where telemetry is on.</summary>
    private static ActivityListener ListenToTraces()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TraceContext.Source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
