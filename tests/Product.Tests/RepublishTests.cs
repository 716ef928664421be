using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Products.Tests;

/// <summary>
/// <c>POST /product/republish</c> as a run that goes on after the request, a page at a time, driven by the stream publisher;
/// deletions are kept as tombstones, so a deletion's event goes out again too.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class RepublishTests(LocalEdge edge) : IDisposable
{
    private const int PageSize = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ProductService _service = new(edge)
    {
        Settings = { ["Product:Publisher:Mode"] = "Poll", [RepublishSettings.Key] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private readonly AmazonSQSClient _sqs = new(new BasicAWSCredentials("local", "local"), new AmazonSQSConfig { ServiceURL = edge.EndpointUrl, AuthenticationRegion = "us-east-1" });

    public void Dispose()
    {
        _sqs.Dispose();
        _service.Dispose();
    }

    [Fact]
    public async Task A_catalogue_larger_than_a_page_is_republished_after_the_request_deletions_included()
    {
        var client = _service.CreateClient();
        var changes = await SubscribeToProductChangesAsync();
        List<ProductDto> live = [];
        for (var i = 0; i < 7; i++)
        {
            live.Add(await client.CreateAsync(ProductRequests.Valid(name: $"Product {i}")));
        }

        var gone = live[^1];
        live.RemoveAt(live.Count - 1);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/product/{gone.Id}")).StatusCode);

        var started = await client.PostAsync("/product/republish", null);
        var run = (await started.Content.ReadFromJsonAsync<JsonElement>());
        var location = started.Headers.Location!.OriginalString;
        var done = await Eventually.HoldsAsync(
            () => client.GetFromJsonAsync<JsonElement>(location), job => job.GetProperty("status").GetString() == "Completed", Patience, "the run completes");
        var events = await ReceiveUntilAsync(changes, seen =>
            live.All(p => seen.Count(e => e.Id == p.Id && !e.Deleted) >= 2) && seen.Count(e => e.Id == gone.Id && e.Deleted) >= 2);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("Running", run.GetProperty("status").GetString());
        Assert.Equal($"/product/republish/{run.GetProperty("id").GetString()}", location);
        Assert.Equal(6, done.GetProperty("products").GetInt32());
        Assert.Equal(1, done.GetProperty("deletions").GetInt32());
        Assert.True(done.GetProperty("pages").GetInt32() >= 3, $"7 items read {PageSize} a page take 3 pages or more, not {done.GetProperty("pages")}");
        Assert.All(events.Where(e => e.Id == gone.Id && e.Deleted), e => Assert.Equal(2, e.Version));
    }

    [Fact]
    public async Task A_deleted_products_tombstone_is_no_product_to_any_read_or_write()
    {
        var client = _service.CreateClient();
        var kept = await client.CreateAsync(ProductRequests.Valid(name: "Kept", category: "Tombstones"));
        var gone = await client.CreateAsync(ProductRequests.Valid(name: "Gone", category: "Tombstones"));

        await client.DeleteAsync($"/product/{gone.Id}");
        var read = await client.GetAsync($"/product/{gone.Id}");
        var replaced = await client.PutAsJsonAsync($"/product/{gone.Id}", ProductRequests.Valid());
        var deletedAgain = await client.DeleteAsync($"/product/{gone.Id}");
        var all = await client.GetFromJsonAsync<ProductPageDto>("/product?limit=100");
        var category = await client.GetFromJsonAsync<ProductPageDto>("/product?category=Tombstones");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal([kept.Id], all!.Items.Select(p => p.Id));
        Assert.Equal([kept.Id], category!.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task A_run_that_does_not_exist_is_a_404_and_a_shopper_may_not_start_one()
    {
        var admin = _service.CreateClient();
        var shopper = _service.CreateClient(_service.Tokens.Shopper("shopper"));

        var missing = await admin.GetAsync($"/product/republish/{Guid.NewGuid()}");
        var refused = await shopper.PostAsync("/product/republish", null);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>A queue that a rule on the service's bus fills with every ProductChanged event, as Basket's is.</summary>
    private async Task<string> SubscribeToProductChangesAsync()
    {
        var events = _service.Services.GetRequiredService<IEventBridgeClient>();
        var bus = ResourceDefinitions.EventBus.DefaultName + _service.Suffix;
        var queueUrl = (await _sqs.CreateQueueAsync("changes" + _service.Suffix)).QueueUrl;
        var queueArn = (await _sqs.GetQueueAttributesAsync(queueUrl, [QueueAttributeName.QueueArn])).QueueARN;
        await events.PutRuleAsync(new RuleDefinition("changes", bus, ResourceDefinitions.ProductChangedEvents.EventPattern), CancellationToken.None);
        await events.PutTargetsAsync("changes", bus, [new RuleTarget("changes", queueArn, InputPath: "$.detail")], CancellationToken.None);
        return queueUrl;
    }

    private async Task<List<Change>> ReceiveUntilAsync(string queueUrl, Func<List<Change>, bool> enough)
    {
        List<Change> seen = [];
        var deadline = DateTime.UtcNow + Patience;
        while (!enough(seen))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Within {Patience}: every product's change twice. Seen: {string.Join(", ", seen)}");
            var page = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            foreach (var message in page.Messages ?? [])
            {
                var detail = JsonNode.Parse(message.Body)!;
                seen.Add(new Change((string)detail["id"]!, (long)detail["version"]!, (bool)detail["deleted"]!));
                await _sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }

        return seen;
    }

    private sealed record Change(string Id, long Version, bool Deleted);
}
