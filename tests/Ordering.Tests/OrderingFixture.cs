using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Ecommerce.Shared.Consumers;
using Ecommerce.Contracts;
using Ecommerce.Ordering.Events;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using System.Net.Http.Json;
using Ecommerce.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Ordering.Tests;

[CollectionDefinition(Name)]
public sealed class LocalEdgeDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "edge";
}

/// <summary>The Ordering service in memory against the edge, in the consumer mode a test asks for.</summary>
public sealed class OrderingService : ServiceFactory<Program>
{
    public OrderingService(LocalEdge edge, ConsumerMode mode)
        : base(edge)
    {
        Edge = edge;
        Settings["Ordering:Consumer:Mode"] = mode.ToString();
        Settings["Ordering:Consumer:WaitTimeSeconds"] = "1";
        Settings["Ordering:Consumer:QueueVisibilityTimeoutSeconds"] = "1";
        // The saga's and the expiry's queues are fed by hand unless a test polls them; the stream publisher runs where a test asks.
        foreach (var section in new[] { "Ordering:Saga", "Ordering:Expiry" })
        {
            Settings[$"{section}:Mode"] = nameof(ConsumerMode.Off);
            Settings[$"{section}:WaitTimeSeconds"] = "1";
            Settings[$"{section}:QueueVisibilityTimeoutSeconds"] = "1";
        }

        Settings["Ordering:Publisher:Mode"] = nameof(ConsumerMode.Off);
        Settings["Ordering:Publisher:IdlePollMilliseconds"] = "50";
        Settings["Logging:LogLevel:Default"] = "Trace";
    }

    public LocalEdge Edge { get; }

    internal EventQueueBatch<CheckoutConsumer, CheckoutBasketEvent> Consumer => Services.GetRequiredService<EventQueueBatch<CheckoutConsumer, CheckoutBasketEvent>>();

    internal EventQueueBatch<SagaConsumer, OrderStepEvent> Saga => Services.GetRequiredService<EventQueueBatch<SagaConsumer, OrderStepEvent>>();

    internal EventQueueBatch<ExpiryConsumer, OrderEvent> Expiry => Services.GetRequiredService<EventQueueBatch<ExpiryConsumer, OrderEvent>>();

    /// <summary>Saves the orders of these checkouts, as the checkout queue would hand them over.</summary>
    public async Task CheckOutAsync(params CheckoutBasketEvent[] checkouts)
    {
        var failed = await Consumer.ProcessAsync([.. checkouts.Select(c => CheckoutMessages.Record(CheckoutMessages.Envelope(c)))], default);
        Assert.Empty(failed);
    }

    /// <summary>Hands Inventory's or Payment's answers about the order to the saga, in one batch; returns the failed message ids.</summary>
    public Task<IReadOnlyList<string>> AnswerAsync(CheckoutBasketEvent order, params (string DetailType, OrderStepEvent? Step)[] answers) =>
        Saga.ProcessAsync([.. answers.Select(a => CheckoutMessages.Record(StepMessages.Envelope(a.DetailType, a.Step ?? StepMessages.Of(order))))], default);

    /// <summary>A checkout's order, Confirmed: stock reserved, payment authorized.</summary>
    public async Task<CheckoutBasketEvent> ConfirmedOrderAsync(string userName = "ada")
    {
        var checkout = CheckoutMessages.Event(userName);
        await CheckOutAsync(checkout);
        Assert.Empty(await AnswerAsync(checkout, (ResourceDefinitions.StockReserved, null), (ResourceDefinitions.PaymentAuthorized, StepMessages.Authorized(checkout))));
        return checkout;
    }

    /// <summary>The order as the API answers it to an admin.</summary>
    internal async Task<OrderDto> OrderAsync(CheckoutBasketEvent checkout) =>
        (await CreateClient().GetFromJsonAsync<OrderDto>($"/order/{checkout.UserName}/{checkout.CheckoutId}"))!;

    /// <summary>An SQS client on the same endpoint as the service's.</summary>
    public IAmazonSQS CreateSqsClient() =>
        AwsClientExtensions.CreateOptions(Services.GetRequiredService<IConfiguration>(), "SQS").CreateServiceClient<IAmazonSQS>();
}

/// <summary>Checkout events in the EventBridge envelope SQS delivers them in.</summary>
internal static class CheckoutMessages
{
    /// <summary>A card number as a shopper types it: no payment method id looks like this.</summary>
    public const string SpacedCardNumber = "4111 1111 1111 1111";

    private static int s_sequence;

    public static CheckoutBasketEvent Event(string userName = "ada", decimal price = 10.5m, int quantity = 2, DateTimeOffset? at = null) => new(
        Guid.NewGuid().ToString(),
        userName,
        price * quantity,
        [new LineItem("p1", "Aurora X", "Black", quantity, price)],
        "Ada",
        "Lovelace",
        "ada@example.com",
        "12 St James's Square, London",
        "pm_card_visa",
        CheckoutBasketEvent.FormatTime(at ?? DateTimeOffset.UtcNow.AddMilliseconds(Interlocked.Increment(ref s_sequence))));

    public static string Envelope(CheckoutBasketEvent checkout) => Envelope(
        JsonSerializer.SerializeToNode(checkout, CheckoutEventJsonContext.Default.CheckoutBasketEvent)!);

    public static string Envelope(JsonNode detail, string detailType = CheckoutBasketEvent.DetailType) =>
        EventEnvelopes.Wrap(CheckoutBasketEvent.Source, detailType, detail);

    public static SqsRecord Record(string body, string? messageId = null) =>
        new(messageId ?? Guid.NewGuid().ToString(), body);

    /// <summary>A checkout event with one field replaced, as a JSON node.</summary>
    public static JsonNode With(CheckoutBasketEvent checkout, string field, JsonNode? value)
    {
        var node = JsonSerializer.SerializeToNode(checkout, CheckoutEventJsonContext.Default.CheckoutBasketEvent)!.AsObject();
        node[field] = value;
        return node;
    }
}

internal sealed record OrderItemDto(string ProductId, string? ProductName, string? Color, int Quantity, decimal Price);

internal sealed record OrderPaymentDto(string Status, string? PaymentIntentId, string? Brand, string? Last4, string? DeclineCode);

internal sealed record OrderDto(
    string UserName, string OrderDate, string OrderId, decimal TotalPrice, List<OrderItemDto> Items,
    string FirstName, string LastName, string Email, string Address,
    string Status, string? CancelReason, string UpdatedAt, OrderPaymentDto Payment);

internal static class OrderDtos
{
    /// <summary>The order without its line items (a list, compared by reference), which no step of its life changes.</summary>
    private static readonly List<OrderItemDto> NoItems = [];

    public static OrderDto Unlisted(this OrderDto order) => order with { Items = NoItems };
}

/// <summary>Inventory's and Payment's answers about an order, in the envelope SQS delivers them in.</summary>
internal static class StepMessages
{
    public static OrderStepEvent Of(CheckoutBasketEvent order) => new(order.CheckoutId, order.UserName, order.CheckedOutAt);

    public static OrderStepEvent Authorized(CheckoutBasketEvent order) =>
        Of(order) with { PaymentIntentId = "pi_" + order.CheckoutId[..8], Brand = "visa", Last4 = "4242" };

    public static string Envelope(string detailType, OrderStepEvent step) => EventEnvelopes.Wrap(
        detailType.StartsWith("Stock", StringComparison.Ordinal) ? ResourceDefinitions.InventoryEventSource : ResourceDefinitions.PaymentEventSource,
        detailType,
        JsonSerializer.SerializeToNode(step, OrderEventJsonContext.Default.OrderStepEvent)!);
}

internal sealed record OrderPageDto(List<OrderDto> Items, string? NextToken);

/// <summary>Ordering's own events, as the expiry queue delivers them.</summary>
internal static class OrderMessages
{
    public static string Submitted(CheckoutBasketEvent checkout) => EventEnvelopes.Wrap(
        ResourceDefinitions.OrderEventSource,
        ResourceDefinitions.OrderSubmitted,
        JsonSerializer.SerializeToNode(
            new OrderEvent(checkout.CheckoutId, checkout.UserName, checkout.CheckedOutAt, OrderStatus.Submitted, null,
                checkout.TotalPrice, checkout.Items, checkout.PaymentMethodId, 1),
            OrderEventJsonContext.Default.OrderEvent)!);
}

/// <summary>The EventBridge envelope SQS delivers an event in.</summary>
internal static class EventEnvelopes
{
    public static string Wrap(string source, string detailType, JsonNode detail) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = "000000000000",
        ["time"] = "2026-11-25T12:00:00Z",
        ["region"] = "us-east-1",
        ["resources"] = new JsonArray(),
        ["detail"] = detail,
    }.ToJsonString();
}

internal static class OrderPages
{
    /// <summary>Every page of a list, following its tokens; an empty page is kept only when it is the first.</summary>
    public static async Task<List<OrderPageDto>> AllAsync(HttpClient client, string firstPath)
    {
        var pages = new List<OrderPageDto>();
        var path = firstPath;
        while (pages.Count < 20)
        {
            var page = (await client.GetFromJsonAsync<OrderPageDto>(path))!;
            if (page.Items.Count > 0 || pages.Count == 0)
            {
                pages.Add(page);
            }

            if (page.NextToken is null)
            {
                return pages;
            }

            path = $"{firstPath}&nextToken={Uri.EscapeDataString(page.NextToken)}";
        }

        throw new InvalidOperationException("Paging did not end");
    }
}
