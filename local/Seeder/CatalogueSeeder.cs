using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Seeder;

internal sealed record NewProduct(string Name, string? Description, string? ImageFile, decimal Price, string Category);

internal sealed record CreatedProduct(string Id);

internal sealed record ProductPage(IReadOnlyList<CreatedProduct> Items, string? NextToken);

internal sealed record StockInput(int OnHand);

internal sealed record TokenRequest(string Username, bool Admin);

internal sealed record TokenAnswer([property: JsonPropertyName("access_token")] string AccessToken);

/// <summary>What a run did: the products it created, or why it created none.</summary>
internal sealed record SeedOutcome(int Created, string? SkippedBecause);

/// <summary>
/// Seeds the sample catalogue through the shop's public API, as an admin would: each product by <c>POST /product</c>,
/// then its stock by <c>PUT /inventory/{id}</c> once Inventory has learned the product from its ProductChanged event.
/// A catalogue that holds any product already is left as it is, so the seeding happens once for a fresh stack.
/// </summary>
internal sealed class CatalogueSeeder(HttpClient shop, Uri edge, TextWriter log)
{
    private const string AdminName = "sample-catalogue";

    /// <summary>How long the shop, and Inventory's view of each new product, may take to come up.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(2);

    public async Task<SeedOutcome> SeedAsync(SampleCatalogue catalogue, CancellationToken cancellationToken)
    {
        var existing = await UntilAnsweredAsync(() => shop.GetAsync("/product?limit=1", cancellationToken), "GET /product", cancellationToken);
        var page = await existing.Content.ReadFromJsonAsync(SeederJson.Default.ProductPage, cancellationToken);
        // A page may come back empty with a token to the next when the read skipped rows (as DynamoDB's Limit does).
        if (page!.Items.Count > 0 || page.NextToken is not null)
        {
            const string reason = "the catalogue has products already";
            log.WriteLine($"Seeder: nothing seeded, {reason}.");
            return new SeedOutcome(0, reason);
        }

        var token = await AdminTokenAsync(cancellationToken);
        foreach (var product in catalogue.Products)
        {
            var id = await CreateAsync(product, token, cancellationToken);
            await SetStockAsync(id, product.OnHand, token, cancellationToken);
            log.WriteLine($"Seeder: {product.Name} ({product.Category}), {product.OnHand} on hand.");
        }

        log.WriteLine($"Seeder: {catalogue.Products.Count} sample products seeded.");
        return new SeedOutcome(catalogue.Products.Count, null);
    }

    private async Task<string> AdminTokenAsync(CancellationToken cancellationToken)
    {
        using var response = await shop.PostAsJsonAsync(
            new Uri(edge, "/_localcloud/auth/token"), new TokenRequest(AdminName, Admin: true), SeederJson.Default.TokenRequest, cancellationToken);
        await EnsureAsync(response, "a token from the local user pool", cancellationToken);
        return (await response.Content.ReadFromJsonAsync(SeederJson.Default.TokenAnswer, cancellationToken))!.AccessToken;
    }

    private async Task<string> CreateAsync(SampleProduct product, string token, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, "/product", token, JsonContent.Create(
            new NewProduct(product.Name, product.Description, product.ImageFile, product.Price, product.Category), SeederJson.Default.NewProduct));
        using var response = await shop.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"POST /product ({product.Name})", cancellationToken);
        return (await response.Content.ReadFromJsonAsync(SeederJson.Default.CreatedProduct, cancellationToken))!.Id;
    }

    // Inventory answers 404 until the product's ProductChanged event has reached it: a moment after the create.
    private async Task SetStockAsync(string productId, int onHand, string token, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var request = Authorized(HttpMethod.Put, $"/inventory/{productId}", token, JsonContent.Create(new StockInput(onHand), SeederJson.Default.StockInput));
            using var response = await shop.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.NotFound || DateTime.UtcNow > deadline)
            {
                await EnsureAsync(response, $"PUT /inventory/{productId}", cancellationToken);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    // The shop's processes start in any order: until the gateway and Product answer, a request is refused or a 502.
    private async Task<HttpResponseMessage> UntilAnsweredAsync(Func<Task<HttpResponseMessage>> send, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                var response = await send();
                if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
                {
                    await EnsureAsync(response, what, cancellationToken);
                    return response;
                }

                response.Dispose();
            }
            catch (HttpRequestException) when (DateTime.UtcNow <= deadline)
            {
                // not listening yet
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, HttpContent content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
    }
}
