using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecommerce.Seeder;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.Browser.Tests;

/// <summary>A newcomer's first look at the shop: the app host seeds the sample catalogue, with its images and stock, once.</summary>
[Collection(ShopCollection.Name)]
public sealed class SampleCatalogueTests(ShopStack shop)
{
    [BrowserFact]
    public async Task A_fresh_stack_opens_on_the_sample_catalogue_with_its_images_and_stock()
    {
        Assert.Equal(0, shop.SeederExitCode);
        var sample = await SampleCatalogue.ReadAsync(SampleCatalogue.DefaultPath, default);
        Assert.InRange(sample.Products.Count, 10, 20);
        Assert.True(sample.Products.Select(p => p.Category).Distinct().Count() >= 3, "a few categories");

        var seeded = new List<JsonNode>();
        foreach (var category in sample.Products.Select(p => p.Category).Distinct())
        {
            var page = await shop.Api.GetFromJsonAsync<JsonObject>($"/product?category={Uri.EscapeDataString(category)}");
            seeded.AddRange(page!["items"]!.AsArray()!.Select(item => item!));
        }

        Assert.Equal(
            sample.Products.Select(p => (p.Name, p.Category, p.Price, p.ImageFile)).OrderBy(p => p.Name),
            seeded.Select(p => (Name: (string)p["name"]!, Category: (string)p["category"]!, Price: (decimal)p["price"]!, ImageFile: (string?)p["imageFile"])).OrderBy(p => p.Name));

        var ids = string.Join(',', seeded.Select(p => (string)p["id"]!));
        var stock = (await shop.Api.GetFromJsonAsync<JsonObject>($"/inventory?productIds={ids}"))!["items"]!.AsArray();
        var names = seeded.ToDictionary(p => (string)p["id"]!, p => (string)p["name"]!);
        Assert.Equal(
            sample.Products.Select(p => (p.Name, p.OnHand)).OrderBy(p => p.Name),
            stock.Select(s => (Name: names[(string)s!["productId"]!], OnHand: (int)s["available"]!)).OrderBy(s => s.Name));

        // Every image the catalogue names is one of the storefront's own files.
        foreach (var image in sample.Products.Select(p => p.ImageFile).OfType<string>())
        {
            using var response = await shop.Api.GetAsync($"/images/{image}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{image}: {(int)response.StatusCode}");
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        }

        // The shop shows them, a category at a time (the other tests' products come after them in the whole catalogue).
        var visitor = await shop.NewVisitorAsync();
        foreach (var category in sample.Products.GroupBy(p => p.Category))
        {
            await visitor.OpenCatalogueAsync(category.Key);
            foreach (var product in category)
            {
                await Expect(visitor.ProductLink(product.Name)).ToHaveCountAsync(1);
            }
        }
    }

    [BrowserFact]
    public async Task Seeding_again_adds_nothing_to_a_catalogue_that_has_products()
    {
        var before = await CountAsync();

        var outcome = await new CatalogueSeeder(shop.Api, ShopStack.EdgeUrl, TextWriter.Null)
            .SeedAsync(await SampleCatalogue.ReadAsync(SampleCatalogue.DefaultPath, default), default);

        Assert.Equal((0, "the catalogue has products already"), (outcome.Created, outcome.SkippedBecause));
        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        var (count, next) = (0, (string?)"");
        while (next is not null)
        {
            var page = await shop.Api.GetFromJsonAsync<JsonObject>($"/product?limit=100{(next.Length == 0 ? "" : "&nextToken=" + Uri.EscapeDataString(next))}");
            count += page!["items"]!.AsArray().Count;
            next = (string?)page["nextToken"];
        }

        return count;
    }
}
