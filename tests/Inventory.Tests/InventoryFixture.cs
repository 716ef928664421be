using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Contracts;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Inventory.Tests;

[CollectionDefinition(Name)]
public sealed class LocalEdgeDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "edge";
}

/// <summary>
/// The Inventory service in memory against the edge, with its own tables, bus, rules and queues. Tests feed it as
/// Product and Ordering would, by publishing ProductChanged and order events on the bus, and speak HTTP to it.
/// </summary>
public sealed class InventoryService : ServiceFactory<Program>
{
    private long _productVersion;

    public InventoryService(LocalEdge edge)
        : base(edge)
    {
        Edge = edge;
        Settings["Inventory:Products:WaitTimeSeconds"] = "1";
        Settings["Inventory:Products:QueueVisibilityTimeoutSeconds"] = "1";
        Settings["Inventory:Orders:WaitTimeSeconds"] = "1";
        // A failed message comes again soon, yet not while a slow worker still holds it (a 100-line order takes seconds here).
        Settings["Inventory:Orders:QueueVisibilityTimeoutSeconds"] = "5";

        // Ten workers taking one order at a time: as many at once as Lambda would run on a busy queue.
        Settings["Inventory:Orders:Concurrency"] = "10";
        Settings["Inventory:Orders:BatchSize"] = "1";
    }

    public LocalEdge Edge { get; }

    public string Bus => Services.GetRequiredService<ResourceNames>()[ResourceDefinitions.EventBus];

    /// <summary>An admin's client; starting it starts the host, its tables, queues, rules and pollers.</summary>
    public HttpClient Admin => _admin ??= CreateClient();

    private HttpClient? _admin;

    public IAmazonSQS CreateSqsClient() =>
        AwsClientExtensions.CreateOptions(Services.GetRequiredService<IConfiguration>(), "SQS").CreateServiceClient<IAmazonSQS>();

    /// <summary>Publishes events on the service's bus, ten to a call, as their publishers would.</summary>
    public async Task PublishAsync(IEnumerable<EventEntry> entries)
    {
        _ = Admin;
        var eventBridge = Services.GetRequiredService<IEventBridgeClient>();
        foreach (var chunk in entries.Chunk(10))
        {
            Assert.Equal(0, (await eventBridge.PutEventsAsync(chunk, default)).FailedEntryCount);
        }
    }

    /// <summary>Publishes a ProductChanged event for each product, each a newer version than any before.</summary>
    public Task ChangeProductsAsync(IEnumerable<string> productIds, bool deleted = false) =>
        PublishAsync(productIds.Select(id => ProductChanged(id, Interlocked.Increment(ref _productVersion), deleted)));

    public EventEntry ProductChanged(string productId, long version, bool deleted = false, string? name = null) => new(
        Bus,
        ProductChangedEvent.Source,
        ProductChangedEvent.DetailType,
        JsonSerializer.Serialize(
            new ProductChangedEvent(productId, name ?? "Name of " + productId, 10m, "Test", null, version, deleted),
            ProductChangedJsonContext.Default.ProductChangedEvent));

    public EventEntry OrderStep(OrderEvent order, OrderStatus status, string? traceHeader = null) => new(
        Bus,
        OrderEvent.Source,
        OrderEvent.DetailTypeOf(status),
        JsonSerializer.Serialize(Orders.At(order, status), OrderEventJsonContext.Default.OrderEvent),
        TraceHeader: traceHeader);

    public Task SubmitAsync(params OrderEvent[] orders) => PublishAsync(orders.Select(order => OrderStep(order, OrderStatus.Submitted)));

    public Task CancelAsync(OrderEvent order) => PublishAsync([OrderStep(order, OrderStatus.Cancelled)]);

    public Task ShipAsync(OrderEvent order) => PublishAsync([OrderStep(order, OrderStatus.Shipped)]);

    /// <summary>Products the service has learned, each with these units on hand, set by an admin.</summary>
    public async Task<string[]> StockedProductsAsync(int count, int onHand)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString()).ToArray();
        await ChangeProductsAsync(ids);
        await AwaitLearnedAsync(ids);
        foreach (var id in ids)
        {
            using var set = await Admin.PutAsJsonAsync($"/inventory/{id}", new { onHand });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        return ids;
    }

    /// <summary>Waits until every one of these products is known and sold.</summary>
    public Task AwaitLearnedAsync(IReadOnlyCollection<string> ids) =>
        Eventually.HoldsAsync(
            async () => (await AvailabilityAsync(ids)).Count,
            learned => learned == ids.Count,
            TimeSpan.FromSeconds(30),
            $"{ids.Count} products learned");

    /// <summary>The available units of these products, by product id, from the public route.</summary>
    public async Task<Dictionary<string, int>> AvailabilityAsync(IEnumerable<string> ids)
    {
        var answer = await Admin.GetFromJsonAsync<AvailabilityDto>($"/inventory?productIds={string.Join(',', ids)}");
        return answer!.Items.ToDictionary(level => level.ProductId, level => level.Available);
    }

    /// <summary>A product's stock record, from the admin route; null when the answer is 404.</summary>
    public async Task<StockDto?> StockAsync(string productId)
    {
        using var response = await Admin.GetAsync($"/inventory/{productId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<StockDto>();
    }

    /// <summary>Waits until the service logged <paramref name="count"/> lines naming the order and the step, e.g. "release".</summary>
    public Task AwaitLoggedAsync(string orderId, string step, int count = 1) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(Logs.Lines.Count(line => line.Contains($"Order {orderId} {step}:", StringComparison.Ordinal))),
            logged => logged >= count,
            TimeSpan.FromSeconds(30),
            $"{count} '{step}' log lines of order {orderId}");

    protected override void Dispose(bool disposing)
    {
        _admin?.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Orders as Ordering publishes them, with the lines the ledger reads.</summary>
internal static class Orders
{
    public static OrderEvent New(params (string ProductId, int Quantity)[] lines)
    {
        var items = lines.Select(line => new LineItem(line.ProductId, "Name of " + line.ProductId, null, line.Quantity, 2.5m)).ToList();
        return new OrderEvent(
            Guid.NewGuid().ToString(),
            "ada",
            CheckoutBasketEvent.FormatTime(DateTimeOffset.UtcNow),
            OrderStatus.Submitted,
            null,
            LineItem.Total(items),
            items,
            "pm_card_visa",
            1);
    }

    public static OrderEvent At(OrderEvent order, OrderStatus status) => order with
    {
        Status = status,
        CancelReason = status == OrderStatus.Cancelled ? CancelReason.ByShopper : null,
        Version = order.Version + (int)status,
    };
}

/// <summary>One answer Inventory published, as a consumer of the bus receives it.</summary>
public sealed record Answer(string DetailType, string OrderId, string UserName, string OrderDate, string? TraceHeader);

/// <summary>
/// Watches the service's bus as Ordering's saga consumer would: a rule with the saga's pattern that targets a queue of
/// the test's own. Every answer received is kept.
/// </summary>
public sealed class AnswerObserver : IAsyncDisposable
{
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;
    private readonly ConcurrentQueue<Answer> _answers = new();

    private AnswerObserver(IAmazonSQS sqs, string queueUrl) => (_sqs, _queueUrl) = (sqs, queueUrl);

    public IReadOnlyCollection<Answer> Answers => [.. _answers];

    public static async Task<AnswerObserver> StartAsync(InventoryService service)
    {
        _ = service.Admin;
        var sqs = service.CreateSqsClient();
        var name = "answers" + service.Suffix;
        var queueUrl = (await sqs.CreateQueueAsync(name)).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;
        var eventBridge = service.Services.GetRequiredService<IEventBridgeClient>();
        await eventBridge.PutRuleAsync(new RuleDefinition(name, service.Bus, ResourceDefinitions.OrderSagaEvents.EventPattern), default);
        await eventBridge.PutTargetsAsync(name, service.Bus, [new RuleTarget("answers", queueArn)], default);
        return new AnswerObserver(sqs, queueUrl);
    }

    /// <summary>
    /// Waits until <paramref name="count"/> answers about these orders arrived, then makes sure no more follow, and returns them.
    /// </summary>
    public async Task<List<Answer>> ExpectAsync(IReadOnlyCollection<string> orderIds, int count, int timeoutSeconds = 30)
    {
        List<Answer> Of() => [.. _answers.Where(answer => orderIds.Contains(answer.OrderId))];
        if (count > 0)
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    await ReceiveAsync(waitSeconds: 1);
                    return Of().Count;
                },
                received => received >= count,
                TimeSpan.FromSeconds(timeoutSeconds),
                $"{count} answers about {orderIds.Count} orders");
        }

        await ReceiveAsync(waitSeconds: 2);
        var answers = Of();
        Assert.Equal(count, answers.Count);
        return answers;
    }

    public Task<List<Answer>> ExpectAsync(string orderId, int count) => ExpectAsync([orderId], count);

    /// <summary>The answers about these orders received so far, after one more look at the queue.</summary>
    public async Task<List<Answer>> ReceivedAboutAsync(IReadOnlyCollection<string> orderIds)
    {
        await ReceiveAsync(waitSeconds: 0);
        return [.. _answers.Where(answer => orderIds.Contains(answer.OrderId))];
    }

    private async Task ReceiveAsync(int waitSeconds)
    {
        var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = _queueUrl,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = waitSeconds,
            MessageSystemAttributeNames = ["AWSTraceHeader"],
        });
        foreach (var message in response.Messages ?? [])
        {
            using var envelope = JsonDocument.Parse(message.Body);
            var detail = envelope.RootElement.GetProperty("detail");
            Assert.Equal(ResourceDefinitions.InventoryEventSource, envelope.RootElement.GetProperty("source").GetString());
            _answers.Enqueue(new Answer(
                envelope.RootElement.GetProperty("detail-type").GetString()!,
                detail.GetProperty("orderId").GetString()!,
                detail.GetProperty("userName").GetString()!,
                detail.GetProperty("orderDate").GetString()!,
                message.Attributes?.GetValueOrDefault("AWSTraceHeader")));
            await _sqs.DeleteMessageAsync(_queueUrl, message.ReceiptHandle);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sqs.DeleteQueueAsync(_queueUrl);
        _sqs.Dispose();
    }
}

public sealed record StockDto(string ProductId, int OnHand, int Reserved, int Available, long Version);

public sealed record StockLevelDto(string ProductId, int Available);

public sealed record AvailabilityDto(List<StockLevelDto> Items);
