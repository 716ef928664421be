using System.Diagnostics;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Ordering.Tests;

/// <summary>The order table's stream as the outbox of the order's events, and the expiry those events drive.</summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class OrderEventsTests : IDisposable
{
    private readonly OrderingService _service;
    private IAmazonSQS? _sqs;
    private string? _observer;

    public OrderEventsTests(LocalEdge edge)
    {
        _service = new OrderingService(edge, ConsumerMode.Off);
        _service.Settings["Ordering:Publisher:Mode"] = nameof(ConsumerMode.Poll);
    }

    private IAmazonSQS Sqs => _sqs ??= _service.CreateSqsClient();

    public void Dispose()
    {
        _sqs?.Dispose();
        _service.Dispose();
    }

    [Fact]
    public async Task Each_change_of_status_is_published_once_as_its_event_and_a_payment_change_alone_as_none()
    {
        await ObserveAsync();
        var shipped = await _service.ConfirmedOrderAsync("ada");
        await _service.CreateClient().PostAsync($"/order/ada/{shipped.CheckoutId}/ship", null);
        Assert.Empty(await _service.AnswerAsync(shipped, (ResourceDefinitions.PaymentCaptured, StepMessages.Authorized(shipped))));
        var cancelled = CheckoutMessages.Event("bob");
        await _service.CheckOutAsync(cancelled);
        await _service.CreateClient(_service.Tokens.Shopper("bob")).PostAsync($"/order/bob/{cancelled.CheckoutId}/cancel", null);

        var events = await ReceiveAsync(count: 6);

        Assert.Equal(
            ["OrderSubmitted", "OrderStockReserved", "OrderConfirmed", "OrderShipped"],
            events.Where(e => e.Detail.OrderId == shipped.CheckoutId).Select(e => e.DetailType));
        Assert.Equal(["OrderSubmitted", "OrderCancelled"], events.Where(e => e.Detail.OrderId == cancelled.CheckoutId).Select(e => e.DetailType));
        Assert.All(events, e => Assert.Equal(ResourceDefinitions.OrderEventSource, e.Source));
        var confirmed = events.Single(e => e.DetailType == "OrderConfirmed").Detail;
        Assert.Equal(
            new OrderEvent(shipped.CheckoutId, "ada", shipped.CheckedOutAt, Contracts.OrderStatus.Confirmed, null, shipped.TotalPrice, confirmed.Items, "pm_card_visa", 3),
            confirmed);
        Assert.Equal(shipped.Items, confirmed.Items);
        var cancel = events.Single(e => e.DetailType == "OrderCancelled").Detail;
        Assert.Equal((Contracts.OrderStatus.Cancelled, Contracts.CancelReason.ByShopper, 2L), (cancel.Status, cancel.CancelReason, cancel.Version));
    }

    [Fact]
    public async Task The_order_events_carry_the_checkouts_trace()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TraceContext.Source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await ObserveAsync();
        const string checkoutTrace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        var checkout = CheckoutMessages.Event("ada");

        var failed = await _service.Consumer.ProcessAsync(
            [new SqsRecord(Guid.NewGuid().ToString(), CheckoutMessages.Envelope(checkout), new Dictionary<string, string> { [SqsRecord.TraceHeaderAttribute] = checkoutTrace })],
            default);
        Assert.Empty(await _service.AnswerAsync(checkout, (ResourceDefinitions.StockReserved, null)));
        var events = await ReceiveAsync(count: 2);

        Assert.Empty(failed);
        Assert.All(events, e => Assert.StartsWith("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=", e.TraceHeader, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_not_confirmed_in_time_expires_and_a_confirmed_one_is_left_alone()
    {
        _service.Settings["Ordering:Expiry:Mode"] = nameof(ConsumerMode.Poll);
        _service.Settings["Ordering:Expiry:AfterSeconds"] = "2";
        var late = CheckoutMessages.Event("ada");
        var confirmed = CheckoutMessages.Event("bob");

        await _service.CheckOutAsync(late, confirmed);
        Assert.Empty(await _service.AnswerAsync(
            confirmed, (ResourceDefinitions.StockReserved, null), (ResourceDefinitions.PaymentAuthorized, StepMessages.Authorized(confirmed))));

        var expired = await Eventually.HoldsAsync(() => _service.OrderAsync(late), o => o.Status == "Cancelled", TimeSpan.FromSeconds(20), "the late order expires");
        Assert.Equal("Expired", expired.CancelReason);
        await Eventually.HoldsAsync(() => CountAsync(ResourceDefinitions.OrderExpiryQueue), n => n == 0, TimeSpan.FromSeconds(20), "the expiry queue is empty");
        Assert.Equal("Confirmed", (await _service.OrderAsync(confirmed)).Status);
        Assert.Empty(await DeadLettersAsync());
    }

    [Fact]
    public async Task The_expiry_queue_holds_each_event_for_the_time_to_confirm()
    {
        _service.Settings["Ordering:Expiry:AfterSeconds"] = "7";

        var url = await QueueUrlAsync(ResourceDefinitions.OrderExpiryQueue);
        var attributes = await Sqs.GetQueueAttributesAsync(url, ["DelaySeconds"]);

        Assert.Equal(7, attributes.DelaySeconds);
    }

    [Fact]
    public async Task An_expiry_event_that_comes_before_its_time_is_left_for_redelivery_and_changes_nothing()
    {
        var checkout = CheckoutMessages.Event("ada");
        await _service.CheckOutAsync(checkout);
        var record = CheckoutMessages.Record(OrderMessages.Submitted(checkout));

        var failed = await _service.Expiry.ProcessAsync([record], default);

        Assert.True(failed.SequenceEqual([record.MessageId]));
        Assert.Equal("Submitted", (await _service.OrderAsync(checkout)).Status);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("901")]
    [InlineData("soon")]
    public void A_time_to_confirm_outside_1_to_900_seconds_stops_the_service_at_start(string afterSeconds)
    {
        _service.Settings["Ordering:Expiry:AfterSeconds"] = afterSeconds;

        var error = Assert.ThrowsAny<Exception>(() => _service.CreateClient());

        Assert.Contains("Ordering:Expiry:AfterSeconds", error.ToString(), StringComparison.Ordinal);
    }

    private sealed record Received(string Source, string DetailType, OrderEvent Detail, string? TraceHeader);

    /// <summary>A rule for every event of Ordering's, targeting a queue of the test's own, as a consumer would see them.</summary>
    private async Task ObserveAsync()
    {
        _service.CreateClient().Dispose();
        _observer = (await Sqs.CreateQueueAsync("order-observer" + _service.Suffix)).QueueUrl;
        var arn = (await Sqs.GetQueueAttributesAsync(_observer, ["QueueArn"])).QueueARN;
        var bus = _service.Services.GetRequiredService<ResourceNames>()[ResourceDefinitions.EventBus];
        var eventBridge = _service.Services.GetRequiredService<IEventBridgeClient>();
        var rule = "order-observer" + _service.Suffix;
        await eventBridge.PutRuleAsync(new RuleDefinition(rule, bus, $$"""{"source":["{{ResourceDefinitions.OrderEventSource}}"]}"""), default);
        await eventBridge.PutTargetsAsync(rule, bus, [new RuleTarget("observer", arn)], default);
    }

    /// <summary>Waits for <paramref name="count"/> events, then makes sure no more follow.</summary>
    private async Task<List<Received>> ReceiveAsync(int count)
    {
        var received = new List<Received>();
        await Eventually.HoldsAsync(
            async () =>
            {
                received.AddRange(await ReceiveOnceAsync());
                return received.Count;
            },
            n => n >= count,
            TimeSpan.FromSeconds(20),
            $"{count} order events");
        received.AddRange(await ReceiveOnceAsync());
        Assert.Equal(count, received.Count);
        return received;
    }

    private async Task<List<Received>> ReceiveOnceAsync()
    {
        var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = _observer,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = 1,
            MessageSystemAttributeNames = [SqsRecord.TraceHeaderAttribute],
        });
        var received = new List<Received>();
        foreach (var message in response.Messages ?? [])
        {
            await Sqs.DeleteMessageAsync(_observer, message.ReceiptHandle);
            using var envelope = JsonDocument.Parse(message.Body);
            received.Add(new Received(
                envelope.RootElement.GetProperty("source").GetString()!,
                envelope.RootElement.GetProperty("detail-type").GetString()!,
                envelope.RootElement.GetProperty("detail").Deserialize(OrderEventJsonContext.Default.OrderEvent)!,
                message.Attributes?.GetValueOrDefault(SqsRecord.TraceHeaderAttribute)));
        }

        return received;
    }

    private async Task<string> QueueUrlAsync(ResourceDefinition queue)
    {
        _service.CreateClient().Dispose();
        return (await Sqs.GetQueueUrlAsync(queue.DefaultName + _service.Suffix)).QueueUrl;
    }

    private async Task<int> CountAsync(ResourceDefinition queue)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(
            await QueueUrlAsync(queue), ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible + attributes.ApproximateNumberOfMessagesDelayed;
    }

    private async Task<List<Message>> DeadLettersAsync()
    {
        var response = await Sqs.ReceiveMessageAsync(await QueueUrlAsync(ResourceDefinitions.OrderExpiryDeadLetterQueue));
        return response.Messages ?? [];
    }
}
