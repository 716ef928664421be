using System.Net.Http.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Shared.Consumers;
using Ecommerce.Ordering.Events;
using Ecommerce.Shared.Aws;
using Ecommerce.TestSupport;

namespace Ecommerce.Ordering.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class PollModeTests(LocalEdge edge) : IDisposable
{
    private readonly OrderingService _service = new(edge, ConsumerMode.Poll);
    private IAmazonSQS? _sqs;
    private IAmazonSQS Sqs => _sqs ??= Started().CreateSqsClient();

    public void Dispose()
    {
        _sqs?.Dispose();
        _service.Dispose();
    }

    [Fact]
    public async Task A_checkout_event_on_the_queue_becomes_an_order_and_leaves_the_queue()
    {
        var checkout = CheckoutMessages.Event("ada");

        await Sqs.SendMessageAsync(await QueueUrlAsync("OrderQueue"), CheckoutMessages.Envelope(checkout));

        var order = await Eventually.ReturnsAsync(async () => (await OrdersOfAsync("ada")).SingleOrDefault(), TimeSpan.FromSeconds(15), "ada's order");
        Assert.Equal(checkout.CheckoutId, order.OrderId);
        await Eventually.HoldsAsync(() => CountAsync("OrderQueue"), counts => counts == (0, 0), TimeSpan.FromSeconds(15), "OrderQueue is empty");
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_dead_letter_queue_after_five_receives()
    {
        await Sqs.SendMessageAsync(await QueueUrlAsync("OrderQueue"), "this is no checkout event");

        await Eventually.HoldsAsync(() => CountAsync("OrderQueueDLQ"), counts => counts == (1, 0), TimeSpan.FromSeconds(30), "the message is in OrderQueueDLQ");

        Assert.Equal((0, 0), await CountAsync("OrderQueue"));
        var dead = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = await QueueUrlAsync("OrderQueueDLQ"),
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        });
        Assert.Equal("this is no checkout event", Assert.Single(dead.Messages).Body);
    }

    [FaultInjectionFact]
    public async Task The_poller_backs_off_and_recovers_when_receive_fails()
    {
        await edge.InjectFaultAsync("ReceiveMessage", "InternalError", 500, count: 8);
        var checkout = CheckoutMessages.Event("ada");

        await Sqs.SendMessageAsync(await QueueUrlAsync("OrderQueue"), CheckoutMessages.Envelope(checkout));

        var order = await Eventually.ReturnsAsync(async () => (await OrdersOfAsync("ada")).SingleOrDefault(), TimeSpan.FromSeconds(30), "ada's order");
        Assert.Equal(checkout.CheckoutId, order.OrderId);
        Assert.Contains(_service.Logs.Lines, line => line.Contains("Polling the queue OrderQueue", StringComparison.Ordinal));
    }

    [FaultInjectionFact]
    public async Task A_delete_that_fails_means_a_redelivery_that_creates_no_duplicate()
    {
        await edge.InjectFaultAsync("DeleteMessageBatch", "InternalError", 500, count: AwsClientExtensions.MaxAttempts);
        var checkout = CheckoutMessages.Event("ada");

        await Sqs.SendMessageAsync(await QueueUrlAsync("OrderQueue"), CheckoutMessages.Envelope(checkout));

        await Eventually.ReturnsAsync(async () => (await OrdersOfAsync("ada")).SingleOrDefault(), TimeSpan.FromSeconds(15), "ada's order");
        await Eventually.HoldsAsync(() => CountAsync("OrderQueue"), counts => counts == (0, 0), TimeSpan.FromSeconds(30), "OrderQueue is empty");
        Assert.Contains(_service.Logs.Lines, line => line.Contains(checkout.CheckoutId, StringComparison.Ordinal) && line.Contains("AlreadySaved", StringComparison.Ordinal));
        Assert.Single(await OrdersOfAsync("ada"));
    }

    private OrderingService Started()
    {
        _service.CreateClient().Dispose();
        return _service;
    }

    private async Task<string> QueueUrlAsync(string name) => (await Sqs.GetQueueUrlAsync(name + _service.Suffix)).QueueUrl;

    private async Task<(int Visible, int InFlight)> CountAsync(string queue)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(await QueueUrlAsync(queue), ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
    }

    private async Task<List<OrderDto>> OrdersOfAsync(string userName) =>
        (await _service.CreateClient().GetFromJsonAsync<OrderPageDto>($"/order/{userName}"))!.Items;
}
