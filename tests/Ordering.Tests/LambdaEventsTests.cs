using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecommerce.Shared.Consumers;
using Ecommerce.Ordering.Events;
using Ecommerce.TestSupport;

namespace Ecommerce.Ordering.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class LambdaEventsTests(LocalEdge edge)
{
    /// <summary>An SQS event as Lambda delivers it (the shape of AWS's documented sample), around two messages.</summary>
    private static string SqsEvent(params (string MessageId, string Body)[] messages) => new JsonObject
    {
        ["Records"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject
        {
            ["messageId"] = m.MessageId,
            ["receiptHandle"] = "MessageReceiptHandle-" + m.MessageId,
            ["body"] = m.Body,
            ["attributes"] = new JsonObject
            {
                ["ApproximateReceiveCount"] = "1",
                ["SentTimestamp"] = "1523232000000",
                ["SenderId"] = "123456789012",
                ["ApproximateFirstReceiveTimestamp"] = "1523232000001",
            },
            ["messageAttributes"] = new JsonObject(),
            ["md5OfBody"] = "7b270e59b47ff90a553787216d55d91d",
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:OrderQueue",
            ["awsRegion"] = "us-east-1",
        })]),
    }.ToJsonString();

    [Fact]
    public async Task In_lambda_mode_events_answers_exactly_the_failed_message_ids()
    {
        using var service = new OrderingService(edge, ConsumerMode.Lambda);
        var good = CheckoutMessages.Event("ada");
        var body = SqsEvent(("059f36b4-87a3-44ab-83d2-661975830a7d", CheckoutMessages.Envelope(good)), ("2e1424d4-f796-459a-8184-9c92662be6da", "not an event"));

        var response = await service.CreateClient().PostAsync("/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"2e1424d4-f796-459a-8184-9c92662be6da"}]}""", await response.Content.ReadAsStringAsync());
        var orders = await service.CreateClient().GetFromJsonAsync<OrderPageDto>("/order/ada");
        Assert.Equal(good.CheckoutId, Assert.Single(orders!.Items).OrderId);
    }

    [Fact]
    public async Task In_lambda_mode_a_clean_batch_answers_an_empty_failure_list()
    {
        using var service = new OrderingService(edge, ConsumerMode.Lambda);

        var response = await service.CreateClient().PostAsync("/events", new StringContent(
            SqsEvent(("m1", CheckoutMessages.Envelope(CheckoutMessages.Event()))), Encoding.UTF8, "application/json"));

        Assert.Equal("""{"batchItemFailures":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"detail":{}}""")]
    [InlineData("""{"Records":[{"body":"x"}]}""")]
    public async Task In_lambda_mode_a_body_that_is_no_sqs_event_is_a_5xx_so_the_batch_is_retried_not_deleted(string body)
    {
        using var service = new OrderingService(edge, ConsumerMode.Lambda);

        var response = await service.CreateClient().PostAsync("/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConsumerMode.Poll)]
    [InlineData(ConsumerMode.Off)]
    public async Task In_other_modes_events_is_not_mapped(ConsumerMode mode)
    {
        using var service = new OrderingService(edge, mode);

        var response = await service.CreateClient().PostAsync("/events", new StringContent(
            SqsEvent(("m1", CheckoutMessages.Envelope(CheckoutMessages.Event()))), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var document = JsonDocument.Parse(await service.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        Assert.False(document.RootElement.GetProperty("paths").TryGetProperty("/events", out _));
    }
}
