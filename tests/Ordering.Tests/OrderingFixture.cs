using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Ecommerce.Shared.Consumers;
using Ecommerce.Contracts;
using Ecommerce.Ordering.Events;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Events;
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
        Settings["Logging:LogLevel:Default"] = "Trace";
    }

    public LocalEdge Edge { get; }

    public EventQueueBatch<CheckoutConsumer, CheckoutBasketEvent> Consumer => Services.GetRequiredService<EventQueueBatch<CheckoutConsumer, CheckoutBasketEvent>>();

    /// <summary>An SQS client on the same endpoint as the service's.</summary>
    public IAmazonSQS CreateSqsClient() =>
        AwsClientExtensions.CreateOptions(Services.GetRequiredService<IConfiguration>(), "SQS").CreateServiceClient<IAmazonSQS>();
}

/// <summary>Checkout events in the EventBridge envelope SQS delivers them in.</summary>
internal static class CheckoutMessages
{
    public const string CardNumber = "4111111111111111";

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
        1,
        "1111",
        CheckoutBasketEvent.FormatTime(at ?? DateTimeOffset.UtcNow.AddMilliseconds(Interlocked.Increment(ref s_sequence))));

    public static string Envelope(CheckoutBasketEvent checkout) => Envelope(
        JsonSerializer.SerializeToNode(checkout, CheckoutEventJsonContext.Default.CheckoutBasketEvent)!);

    public static string Envelope(JsonNode detail, string detailType = CheckoutBasketEvent.DetailType) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = CheckoutBasketEvent.Source,
        ["account"] = "000000000000",
        ["time"] = "2026-11-25T12:00:00Z",
        ["region"] = "us-east-1",
        ["resources"] = new JsonArray(),
        ["detail"] = detail,
    }.ToJsonString();

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

internal sealed record OrderDto(
    string UserName, string OrderDate, string OrderId, decimal TotalPrice, List<OrderItemDto> Items,
    string FirstName, string LastName, string Email, string Address, int PaymentMethod, string CardLast4);

internal sealed record OrderPageDto(List<OrderDto> Items, string? NextToken);
