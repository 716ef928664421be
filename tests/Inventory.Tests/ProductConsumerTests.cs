using System.Net;
using System.Net.Http.Json;
using Ecommerce.TestSupport;

namespace Ecommerce.Inventory.Tests;

/// <summary>
/// Inventory learns the products it keeps stock of from ProductChanged events on the bus: a new one starts with nothing
/// on hand, a newer version changes what it knows of the product and never the counts, an older one changes nothing.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class ProductConsumerTests(LocalEdge edge) : IDisposable
{
    private readonly InventoryService _service = new(edge);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task A_new_product_starts_with_nothing_on_hand_at_version_1()
    {
        var id = Guid.NewGuid().ToString();

        await _service.PublishAsync([_service.ProductChanged(id, version: 4)]);

        var stock = await Eventually.ReturnsAsync(() => _service.StockAsync(id), TimeSpan.FromSeconds(15), "the new product's stock");
        Assert.Equal(new StockDto(id, 0, 0, 0, 1), stock);
        Assert.Equal(0, (await _service.AvailabilityAsync([id]))[id]);
    }

    [Fact]
    public async Task A_newer_version_of_a_product_leaves_its_counts_as_they_are()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 12))[0];
        var before = await _service.StockAsync(id);

        await _service.PublishAsync([_service.ProductChanged(id, version: 50, name: "Renamed")]);
        await AwaitLearnedAsync(id, 50, "applied");

        Assert.Equal(before, await _service.StockAsync(id));
        Assert.Equal(new StockDto(id, 12, 0, 12, 2), before);
    }

    [Fact]
    public async Task A_deleted_product_is_gone_from_every_route_and_an_older_change_does_not_bring_it_back()
    {
        var id = (await _service.StockedProductsAsync(1, onHand: 3))[0];
        var other = (await _service.StockedProductsAsync(1, onHand: 4))[0];

        await _service.PublishAsync([_service.ProductChanged(id, version: 100, deleted: true)]);
        await Eventually.HoldsAsync(() => _service.StockAsync(id), stock => stock is null, TimeSpan.FromSeconds(15), "the product deleted");
        await _service.PublishAsync([_service.ProductChanged(id, version: 99)]);
        await AwaitLearnedAsync(id, 99, "already held or older");

        Assert.Null(await _service.StockAsync(id));
        Assert.Equal(new Dictionary<string, int> { [other] = 4 }, await _service.AvailabilityAsync([id, other]));
        using var set = await _service.Admin.PutAsJsonAsync($"/inventory/{id}", new { onHand = 5 });
        Assert.Equal(HttpStatusCode.NotFound, set.StatusCode);
    }

    [Fact]
    public async Task A_change_redelivered_or_older_than_the_one_held_changes_nothing()
    {
        var id = Guid.NewGuid().ToString();
        await _service.PublishAsync([_service.ProductChanged(id, version: 7)]);
        await AwaitLearnedAsync(id, 7, "applied");

        await _service.PublishAsync([_service.ProductChanged(id, version: 7, deleted: true), _service.ProductChanged(id, version: 6, deleted: true)]);
        await AwaitLearnedAsync(id, 7, "already held or older", deleted: true);
        await AwaitLearnedAsync(id, 6, "already held or older", deleted: true);

        Assert.Equal(new StockDto(id, 0, 0, 0, 1), await _service.StockAsync(id));
    }

    private async Task AwaitLearnedAsync(string id, long version, string outcome, bool deleted = false) =>
        await Eventually.HoldsAsync(
            () => Task.FromResult(_service.Logs.Lines.Any(line =>
                line.Contains($"Product {id} version {version} (deleted: {deleted}): {outcome}", StringComparison.Ordinal))),
            logged => logged,
            TimeSpan.FromSeconds(15),
            $"version {version} of {id}: {outcome}");
}
