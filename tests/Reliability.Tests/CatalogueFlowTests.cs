extern alias basket;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using CatalogueView = basket::Ecommerce.Baskets.Catalogue.CatalogueView;

namespace Ecommerce.Reliability.Tests;

/// <summary>
/// The catalogue's second event flow, broken on purpose: Product's table stream is the outbox, so no
/// committed change is lost when PutEvents fails or the publisher dies, and Basket's view ends holding
/// each product's newest version; an empty view is rebuilt by republishing the catalogue.
/// </summary>
public sealed class CatalogueFlowTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private Shop Shop => fixture.Shop;

    private CatalogueView View => Shop.Basket.Services.GetRequiredService<CatalogueView>();

    [FaultInjectionFact]
    public async Task Changes_made_while_PutEvents_fails_reach_the_view_once_it_recovers()
    {
        await fixture.Edge.InjectFaultAsync("PutEvents", "InternalException", statusCode: 500, count: 9);
        await fixture.Edge.FailPutEventsEntriesAsync(count: 2);

        var changed = await ChangeProductsAsync(5);

        await AssertViewHoldsAsync(changed);
        Assert.Equal("[]", await Shop.PendingFaultsAsync());
    }

    [FaultInjectionFact]
    public async Task Changes_committed_while_the_publisher_is_down_and_killed_are_published_by_the_next_one()
    {
        // Every publish fails until Product is killed: the changes are committed but not yet published.
        await fixture.Edge.InjectFaultAsync("PutEvents", "InternalException", statusCode: 500, count: 10_000);
        var changed = await ChangeProductsAsync(4);
        await Eventually.HoldsAsync(
            () => Task.FromResult(Shop.LogLines.Count(l => l.Contains("Publishing", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal))),
            failures => failures > 0,
            TimeSpan.FromSeconds(15),
            "the publisher failing");

        await Shop.RestartProductAsync();
        await fixture.Edge.ClearFaultsAsync();

        await AssertViewHoldsAsync(changed);
    }

    [Fact]
    public async Task An_emptied_view_is_rebuilt_with_every_product_by_republishing_the_catalogue()
    {
        var changed = await ChangeProductsAsync(3);
        await AssertViewHoldsAsync(changed);
        foreach (var id in changed.Keys)
        {
            await Shop.Dynamo.DeleteItemAsync(Shop.Table(ResourceDefinitions.BasketCatalogueTable), new() { ["productId"] = new AttributeValue(id) });
        }

        Assert.Empty(await View.FindAsync(changed.Keys, default));

        using var republished = await Shop.Products.PostAsync("/product/republish", null);

        // Every product the catalogue holds comes back, and the deleted one as deleted: its tombstone is republished too.
        Assert.Equal(HttpStatusCode.Accepted, republished.StatusCode);
        Assert.NotNull(republished.Headers.Location);
        await AssertViewHoldsAsync(changed);
    }

    /// <summary>Creates products, changes each twice and deletes one: returns each one's final (price, deleted).</summary>
    private async Task<Dictionary<string, (decimal Price, bool Deleted)>> ChangeProductsAsync(int count)
    {
        var final = new Dictionary<string, (decimal, bool)>();
        for (var i = 0; i < count; i++)
        {
            var id = (await Shop.PostAsync<JsonElement>(Shop.Products, "/product", new { name = $"Item {i}", price = 1m, category = "Flow" })).GetProperty("id").GetString()!;
            foreach (var price in new[] { 2m, 3.5m + i })
            {
                (await Shop.Products.PutAsJsonAsync($"/product/{id}", new { name = $"Item {i}", price, category = "Flow" })).EnsureSuccessStatusCode();
            }

            final[id] = (3.5m + i, false);
        }

        var deleted = final.Keys.First();
        Assert.Equal(HttpStatusCode.NoContent, (await Shop.Products.DeleteAsync($"/product/{deleted}")).StatusCode);
        final[deleted] = (final[deleted].Item1, true);
        return final;
    }

    private async Task AssertViewHoldsAsync(Dictionary<string, (decimal Price, bool Deleted)> expected)
    {
        var held = await Eventually.HoldsAsync(
            () => View.FindAsync(expected.Keys, default),
            found => expected.All(e => found.TryGetValue(e.Key, out var entry) && (entry.Price, entry.Deleted) == e.Value),
            TimeSpan.FromSeconds(30),
            "every product's newest version in Basket's view");
        Assert.All(expected.Keys, id => Assert.Equal(expected[id].Deleted ? 4 : 3, held[id].Version));
    }
}
