using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Contracts;
using Ecommerce.LocalCloud;
using Ecommerce.Payments.Events;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace Ecommerce.Payments.Tests;

[CollectionDefinition(Name)]
public sealed class LocalEdgeDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "edge";
}

/// <summary>
/// The Payment service in memory against the edge, its Stripe.net pointed at LocalCloud's provider, its secret key put
/// into its own SSM parameter at start, in the consumer mode a test asks for (Off: the test hands it messages itself).
/// </summary>
internal sealed class PaymentService : ServiceFactory<Program>
{
    public const string SecretKey = "sk_test_payment_tests_7f3a";

    public PaymentService(LocalEdge edge, ConsumerMode mode = ConsumerMode.Off, int timeoutSeconds = 5, bool withLocalKey = true)
        : base(edge)
    {
        Edge = edge;
        Settings["Payment:Orders:Mode"] = mode.ToString();
        Settings["Payment:Orders:WaitTimeSeconds"] = "1";
        Settings["Payment:Orders:QueueVisibilityTimeoutSeconds"] = "1";
        Settings["Payment:Stripe:ApiBase"] = $"{edge.Cloud.Url}/stripe";
        Settings["Payment:Stripe:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Retries are the queue's here: a failed call fails the message, which comes again under the same key.
        Settings["Payment:Stripe:MaxNetworkRetries"] = "0";
        Settings["Payment:Stripe:LocalSecretKey"] = withLocalKey ? SecretKey : null;
        Settings["Logging:LogLevel:Default"] = "Trace";
    }

    public LocalEdge Edge { get; }

    public EventQueueBatch<OrderConsumer, OrderEvent> Consumer => Services.GetRequiredService<EventQueueBatch<OrderConsumer, OrderEvent>>();

    public string Name(ResourceDefinition resource) => Services.GetRequiredService<ResourceNames>()[resource];

    /// <summary>Starts the host (its table, queue, rule, key and poller) and returns it.</summary>
    public PaymentService Started()
    {
        CreateClient().Dispose();
        return this;
    }

    /// <summary>Hands the consumer one delivery of the event, as the poller or Lambda would; true when it succeeded.</summary>
    public async Task<bool> DeliverAsync(OrderEvent order, string detailType) =>
        (await Consumer.ProcessAsync([new SqsRecord(Guid.NewGuid().ToString(), Orders.Envelope(order, detailType))], default)).Count == 0;

    /// <summary>Publishes the event on the bus, as Ordering's stream publisher does.</summary>
    public async Task PublishAsync(OrderEvent order, string detailType)
    {
        var result = await Services.GetRequiredService<IEventBridgeClient>().PutEventsAsync(
            [new EventEntry(Name(ResourceDefinitions.EventBus), OrderEvent.Source, detailType, JsonSerializer.Serialize(order, OrderEventJsonContext.Default.OrderEvent))],
            default);
        Assert.Equal(0, result.FailedEntryCount);
    }

    public async Task<Payment?> PaymentAsync(string orderId)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(new Uri($"/payment/{orderId}", UriKind.Relative));
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Payment>(PaymentJson.Options);
    }

    public IAmazonSQS CreateSqsClient() =>
        AwsClientExtensions.CreateOptions(Services.GetRequiredService<IConfiguration>(), "SQS").CreateServiceClient<IAmazonSQS>();
}

internal static class PaymentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}

/// <summary>Order events as Ordering publishes them.</summary>
internal static class Orders
{
    private static int s_sequence;

    public static OrderEvent Event(string paymentMethodId, decimal totalPrice = 25.99m, string userName = "ada") => new(
        Guid.NewGuid().ToString(),
        userName,
        CheckoutBasketEvent.FormatTime(DateTimeOffset.UtcNow.AddMilliseconds(Interlocked.Increment(ref s_sequence))),
        OrderStatus.StockReserved,
        null,
        totalPrice,
        [new Ecommerce.Contracts.LineItem("p1", "Aurora X", "Black", 1, totalPrice)],
        paymentMethodId,
        2);

    public static string Envelope(OrderEvent order, string detailType) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = OrderEvent.Source,
        ["detail"] = JsonSerializer.SerializeToNode(order, OrderEventJsonContext.Default.OrderEvent),
    }.ToJsonString();
}

/// <summary>Payment's answers as the bus routes them: a rule of the test's own on the service's bus, into a queue of its own.</summary>
internal sealed class Answers(PaymentService service) : IDisposable
{
    private readonly IAmazonSQS _sqs = service.CreateSqsClient();
    private readonly List<(string DetailType, JsonNode Detail)> _received = [];
    private string? _queueUrl;

    public async Task<Answers> ListenAsync()
    {
        var name = "payment-answers" + service.Suffix;
        _queueUrl = (await _sqs.CreateQueueAsync(name)).QueueUrl;
        var arn = (await _sqs.GetQueueAttributesAsync(_queueUrl, [QueueAttributeName.QueueArn])).QueueARN;
        var eventBridge = service.Services.GetRequiredService<IEventBridgeClient>();
        var bus = service.Name(ResourceDefinitions.EventBus);
        await eventBridge.EnsureEventBusAsync(bus, default);
        await eventBridge.PutRuleAsync(new RuleDefinition(name, bus, $$"""{"source":["{{ResourceDefinitions.PaymentEventSource}}"]}"""), default);
        await eventBridge.PutTargetsAsync(name, bus, [new RuleTarget(name, arn)], default);
        return this;
    }

    /// <summary>Every answer about the order received so far, oldest first.</summary>
    public async Task<List<(string DetailType, JsonNode Detail)>> OfAsync(string orderId)
    {
        var messages = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
        foreach (var message in messages.Messages ?? [])
        {
            var envelope = JsonNode.Parse(message.Body)!;
            _received.Add(((string)envelope["detail-type"]!, envelope["detail"]!));
            await _sqs.DeleteMessageAsync(_queueUrl, message.ReceiptHandle);
        }

        return [.. _received.Where(answer => (string?)answer.Detail["orderId"] == orderId)];
    }

    /// <summary>Waits for the first answer of this type about the order and returns its detail.</summary>
    public async Task<JsonNode> WaitForAsync(string orderId, string detailType) =>
        (await Eventually.HoldsAsync(
            () => OfAsync(orderId),
            answers => answers.Any(answer => answer.DetailType == detailType),
            TimeSpan.FromSeconds(20),
            $"{detailType} for order {orderId}")).First(answer => answer.DetailType == detailType).Detail;

    public void Dispose() => _sqs.Dispose();
}

/// <summary>LocalCloud's Stripe-shaped provider, as a shopper's browser and an operator meet it.</summary>
internal sealed class LocalProvider(LocalEdge edge)
{
    public const string PublishableKey = "pk_test_payment_tests";

    public async Task<string> PaymentMethodAsync(string cardNumber)
    {
        var client = new StripeClient(apiKey: PublishableKey, apiBase: $"{edge.Cloud.Url}/stripe");
        var method = await new PaymentMethodService(client).CreateAsync(new PaymentMethodCreateOptions
        {
            Type = "card",
            Card = new PaymentMethodCardOptions { Number = cardNumber, ExpMonth = 12, ExpYear = DateTime.UtcNow.Year + 2, Cvc = "123" },
        });
        return method.Id;
    }

    /// <summary>The order's payment intents at the provider, newest first, as its admin API lists them.</summary>
    public async Task<JsonArray> IntentsOfAsync(string orderId)
    {
        using var http = new HttpClient();
        var list = await http.GetFromJsonAsync<JsonObject>(new Uri($"{edge.Cloud.Url}/_localcloud/stripe/payment_intents?metadata[orderId]={orderId}"));
        return list!["data"]!.AsArray();
    }

    public async Task FailAsync(FaultSpec fault)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri($"{edge.Cloud.Url}/_localcloud/faults"), fault, LocalCloudJsonContext.Default.FaultSpec);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using var http = new HttpClient();
        using var response = await http.DeleteAsync(new Uri($"{edge.Cloud.Url}/_localcloud/faults"));
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>A test class's service in the consumer mode it asks for, the provider, and the answers on the bus; the faults it left are cleared.</summary>
public abstract class PaymentScenario(LocalEdge edge, ConsumerMode mode) : IAsyncLifetime
{
    protected LocalEdge Edge => edge;

    internal PaymentService Service { get; } = new PaymentService(edge, mode).Started();

    internal LocalProvider Provider { get; } = new(edge);

    internal Answers Answers { get; private set; } = null!;

    public async Task InitializeAsync() => Answers = await new Answers(Service).ListenAsync();

    public async Task DisposeAsync()
    {
        await Provider.ClearFaultsAsync();
        Answers.Dispose();
        await Service.DisposeAsync();
    }
}
