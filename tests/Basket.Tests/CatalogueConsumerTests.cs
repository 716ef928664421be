using System.Text.Json;
using System.Text.Json.Nodes;
using Ecommerce.Baskets.Catalogue;
using Ecommerce.Baskets.Events;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Baskets.Tests;

/// <summary>
/// Basket's view of the catalogue, fed by ProductChanged events: each applied only when newer than
/// what the view holds, so a redelivered or late event changes nothing, and a bad one fails alone.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class CatalogueConsumerTests(LocalEdge edge) : IDisposable
{
    private readonly BasketService _service = new(edge);

    private EventQueueBatch<CatalogueConsumer, ProductChangedEvent> Consumer => _service.Services.GetRequiredService<EventQueueBatch<CatalogueConsumer, ProductChangedEvent>>();

    private CatalogueView View => _service.Services.GetRequiredService<CatalogueView>();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Redelivered_and_reordered_changes_leave_the_newest_version()
    {
        var v1 = Change(1, 10m);
        var v2 = Change(2, 12m);
        var v3 = Change(3, 9.5m, deleted: true);

        var failed = await Consumer.ProcessAsync([Message(v2), Message(v3), Message(v1), Message(v2), Message(v3)], default);

        Assert.Empty(failed);
        var held = (await View.FindAsync(["phone"], default))["phone"];
        Assert.Equal((3L, 9.5m, true), (held.Version, held.Price, held.Deleted));
    }

    [Fact]
    public async Task A_message_that_is_not_a_valid_product_change_fails_alone()
    {
        var good = Message(Change(1, 10m));
        var notJson = new SqsRecord("m-bad-json", "not json");
        var otherEvent = new SqsRecord("m-other", Envelope(JsonSerializer.SerializeToNode(Change(1, 1m), ProductChangedJsonContext.Default.ProductChangedEvent)!, "CheckoutBasket"));
        var noVersion = Message(Change(0, 1m));
        var negativePrice = Message(Change(2, -1m));

        var failed = await Consumer.ProcessAsync([good, notJson, otherEvent, noVersion, negativePrice], default);

        Assert.Equal([notJson.MessageId, otherEvent.MessageId, noVersion.MessageId, negativePrice.MessageId], failed);
        Assert.Equal(10m, (await View.FindAsync(["phone"], default))["phone"].Price);
    }

    [Fact]
    public async Task A_change_published_on_the_bus_reaches_the_view_through_the_rule_and_the_queue()
    {
        _service.CreateClient().Dispose(); // starts the host: its queue, rule and poller
        var eventBridge = _service.Services.GetRequiredService<Ecommerce.Shared.EventBridge.IEventBridgeClient>();
        var bus = _service.Services.GetRequiredService<Ecommerce.Shared.Resources.ResourceNames>()[Ecommerce.Shared.Resources.ResourceDefinitions.EventBus];

        var result = await eventBridge.PutEventsAsync(
            [new(bus, ProductChangedEvent.Source, ProductChangedEvent.DetailType, JsonSerializer.Serialize(Change(7, 42m), ProductChangedJsonContext.Default.ProductChangedEvent))],
            default);

        Assert.Equal(0, result.FailedEntryCount);
        var held = await Eventually.HoldsAsync(
            () => View.FindAsync(["phone"], default),
            found => found.ContainsKey("phone"),
            TimeSpan.FromSeconds(15),
            "the change in the view");
        Assert.Equal((7L, 42m), (held["phone"].Version, held["phone"].Price));
    }

    private static ProductChangedEvent Change(long version, decimal price, bool deleted = false) =>
        new("phone", "Aurora X", price, "Phones", null, version, deleted);

    private static SqsRecord Message(ProductChangedEvent change) =>
        new(Guid.NewGuid().ToString(), Envelope(JsonSerializer.SerializeToNode(change, ProductChangedJsonContext.Default.ProductChangedEvent)!, ProductChangedEvent.DetailType));

    private static string Envelope(JsonNode detail, string detailType) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["source"] = ProductChangedEvent.Source,
        ["detail-type"] = detailType,
        ["detail"] = detail,
    }.ToJsonString();
}
