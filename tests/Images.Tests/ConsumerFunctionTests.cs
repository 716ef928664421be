using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecommerce.TestSupport;
using Xunit.Abstractions;

namespace Ecommerce.Images.Tests;

/// <summary>
/// The Ordering binary as the consumer function runs it: Lambda Web Adapter posts each SQS batch to
/// <c>/events</c>, and Lambda reads the answer as <see cref="LambdaVerdict"/> says. Whatever goes
/// wrong, no message may be acknowledged without its order stored, and once the cause is gone the
/// redelivered messages make every order exactly once.
/// </summary>
[Collection(PublishedBinariesDefinition.Name)]
public sealed class ConsumerFunctionTests(LocalEdge edge, ITestOutputHelper output)
{
    [Fact]
    public async Task A_batch_over_one_mebibyte_is_consumed_whole()
    {
        await using var ordering = await StartConsumerAsync();
        var batch = Batch(Enumerable.Range(0, 10).Select(_ => Checkout("grace", items: 100, nameLength: 200)));
        var body = batch.ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(body) > 1024 * 1024, $"the batch is only {body.Length} bytes");

        var acknowledged = await DeliverAsync(ordering, batch);

        Assert.Equal(10, acknowledged.Count);
        Assert.Equal(10, await CountOrdersAsync(ordering, "grace"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Records":[{"receiptHandle":"r"}]}""")]
    [InlineData("""{"Records":"none"}""")]
    [InlineData("not json")]
    public async Task A_malformed_batch_is_never_acknowledged(string body)
    {
        await using var ordering = await StartConsumerAsync();

        using var response = await ordering.Client.PostAsync(new Uri("/events", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.False(LambdaVerdict.IsSuccess(response.StatusCode, await response.Content.ReadAsStringAsync()), $"answered {(int)response.StatusCode}");
    }

    [FaultInjectionFact]
    public async Task A_batch_during_a_dynamodb_outage_is_acknowledged_only_after_the_outage_and_makes_each_order_once()
    {
        await using var ordering = await StartConsumerAsync();
        var checkouts = Enumerable.Range(0, 5).Select(_ => Checkout("hopper", items: 2, nameLength: 10)).ToList();
        var batch = Batch(checkouts);

        await edge.InjectFaultAsync("PutItem", "ServiceUnavailable", statusCode: 503, count: 1000);
        List<string> duringOutage;
        try
        {
            duringOutage = await DeliverAsync(ordering, batch);
        }
        finally
        {
            await edge.ClearFaultsAsync();
        }

        Assert.Empty(duringOutage);
        Assert.Equal(0, await CountOrdersAsync(ordering, "hopper"));

        // Lambda delivers the unacknowledged messages again, and a duplicate once more for good measure.
        var redelivered = await DeliverAsync(ordering, batch);
        var duplicate = await DeliverAsync(ordering, Batch(checkouts.Take(2)));

        Assert.Equal(5, redelivered.Count);
        Assert.Equal(2, duplicate.Count);
        Assert.Equal(5, await CountOrdersAsync(ordering, "hopper"));
    }

    [FaultInjectionFact]
    public async Task The_product_binary_as_the_stream_publisher_publishes_each_change_and_names_the_records_it_could_not()
    {
        var suffix = "-" + Guid.NewGuid().ToString("N")[..8];
        await using var publisher = await RunningBinary.StartAsync("product", edge, suffix, new Dictionary<string, string> { ["Product__Publisher__Mode"] = "Lambda" });
        await using var basket = await RunningBinary.StartAsync("basket", edge, suffix);
        var kettle = Guid.NewGuid().ToString();
        var mug = Guid.NewGuid().ToString();

        // As Lambda's DynamoDB stream source hands a batch to the function: the kettle new, the mug removed.
        var stream = StreamEvent(("1001", "INSERT", kettle, 1), ("1002", "REMOVE", mug, 3));
        using var published = await publisher.Client.PostAsync(new Uri("/events", UriKind.Relative), new StringContent(stream, Encoding.UTF8, "application/json"));

        Assert.True(LambdaVerdict.IsSuccess(published.StatusCode, await published.Content.ReadAsStringAsync()));
        await ShopRequests.SaveBasketAsync(basket.Client, "ivy", (kettle, 1)); // the kettle reached Basket's view
        using var gone = await basket.Client.PostAsJsonAsync("/basket", new { userName = "ivy", items = new[] { new { productId = mug, quantity = 1 } } });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, gone.StatusCode);

        await edge.InjectFaultAsync("PutEvents", "InternalException", statusCode: 500, count: 3);
        using var failed = await publisher.Client.PostAsync(new Uri("/events", UriKind.Relative), new StringContent(StreamEvent(("1003", "MODIFY", kettle, 2)), Encoding.UTF8, "application/json"));
        var failures = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["batchItemFailures"]!.AsArray();
        Assert.Equal("1003", Assert.Single(failures)!["itemIdentifier"]!.GetValue<string>());

        using var malformed = await publisher.Client.PostAsync(new Uri("/events", UriKind.Relative), new StringContent("""{"Records":[{"eventName":"INSERT"}]}""", Encoding.UTF8, "application/json"));
        Assert.False(LambdaVerdict.IsSuccess(malformed.StatusCode, await malformed.Content.ReadAsStringAsync()));
    }

    /// <summary>A DynamoDB stream event as Lambda delivers it, of product items with new and old images.</summary>
    private static string StreamEvent(params (string Sequence, string Name, string ProductId, long Version)[] records) => new JsonObject
    {
        ["Records"] = new JsonArray([.. records.Select(r =>
        {
            var image = new JsonObject
            {
                ["id"] = new JsonObject { ["S"] = r.ProductId },
                ["name"] = new JsonObject { ["S"] = "Product " + r.ProductId[..4] },
                ["price"] = new JsonObject { ["N"] = "12.5" },
                ["category"] = new JsonObject { ["S"] = "Kitchen" },
                ["version"] = new JsonObject { ["N"] = r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
            var change = new JsonObject
            {
                ["Keys"] = new JsonObject { ["id"] = new JsonObject { ["S"] = r.ProductId } },
                ["SequenceNumber"] = r.Sequence,
                ["StreamViewType"] = "NEW_AND_OLD_IMAGES",
            };
            change[r.Name == "REMOVE" ? "OldImage" : "NewImage"] = image;
            return (JsonNode)new JsonObject
            {
                ["eventID"] = Guid.NewGuid().ToString("N"),
                ["eventName"] = r.Name,
                ["eventSource"] = "aws:dynamodb",
                ["awsRegion"] = "us-east-1",
                ["dynamodb"] = change,
            };
        })]),
    }.ToJsonString();

    private async Task<RunningBinary> StartConsumerAsync()
    {
        var running = await RunningBinary.StartAsync("ordering", edge, "-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string> { ["Ordering__Consumer__Mode"] = "Lambda" });
        output.WriteLine($"ordering: /health answered 200 {running.Startup.TotalMilliseconds:F0} ms after the process started");
        return running;
    }

    /// <summary>Posts the batch as LWA does and returns the ids of the messages Lambda would delete.</summary>
    private static async Task<List<string>> DeliverAsync(RunningBinary ordering, JsonObject batch)
    {
        using var response = await ordering.Client.PostAsync(new Uri("/events", UriKind.Relative), new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json"));
        return LambdaVerdict.Acknowledged(batch, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> CountOrdersAsync(RunningBinary ordering, string userName)
    {
        var page = await ordering.Client.GetFromJsonAsync<JsonElement>($"/order/{userName}?limit=100");
        return page.GetProperty("items").GetArrayLength();
    }

    private static JsonObject Batch(IEnumerable<JsonObject> checkouts) => new()
    {
        ["Records"] = new JsonArray([.. checkouts.Select(detail => (JsonNode)new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString(),
            ["receiptHandle"] = "handle",
            ["body"] = new JsonObject
            {
                ["version"] = "0",
                ["id"] = Guid.NewGuid().ToString(),
                ["source"] = "com.swn.basket.checkoutbasket",
                ["detail-type"] = "CheckoutBasket",
                ["detail"] = detail.DeepClone(),
            }.ToJsonString(),
            ["eventSource"] = "aws:sqs",
        })]),
    };

    private static readonly TimeProvider Clock = TimeProvider.System;
    private static int _sequence;

    /// <summary>A valid checkout event; each one a millisecond apart, so each is its own order.</summary>
    private static JsonObject Checkout(string userName, int items, int nameLength)
    {
        var at = Clock.GetUtcNow().AddMilliseconds(Interlocked.Increment(ref _sequence));
        // Non-ASCII names: JSON escapes each as \uXXXX, and the SQS body escapes that again, as in AWS.
        var name = new string('ü', nameLength);
        return new JsonObject
        {
            ["checkoutId"] = Guid.NewGuid().ToString(),
            ["userName"] = userName,
            ["totalPrice"] = items * 1.5m,
            ["items"] = new JsonArray([.. Enumerable.Range(0, items).Select(i => (JsonNode)new JsonObject
            {
                ["productId"] = Guid.NewGuid().ToString(),
                ["productName"] = name,
                ["color"] = "Black",
                ["quantity"] = 1,
                ["price"] = 1.5m,
            })]),
            ["firstName"] = "Grace",
            ["lastName"] = "Hopper",
            ["email"] = "grace@example.com",
            ["address"] = "Arlington",
            ["paymentMethodId"] = "pm_card_visa",
            ["checkedOutAt"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>
/// How Lambda reads a consumer function's answer, as the consumer function is configured: Lambda Web
/// Adapter makes every status outside 2xx a function error (the whole batch is retried), and a 2xx
/// body is the function's result, read as AWS documents partial batch responses: invalid JSON or a
/// failure naming no known message fails the whole batch; no <c>batchItemFailures</c> at all is
/// complete success; otherwise every message not named succeeded.
/// </summary>
internal static class LambdaVerdict
{
    public static bool IsSuccess(System.Net.HttpStatusCode status, string body) =>
        (int)status is >= 200 and < 300 && Parse(body) is { } result && result["batchItemFailures"] is not JsonArray { Count: > 0 };

    public static List<string> Acknowledged(JsonObject batch, System.Net.HttpStatusCode status, string body)
    {
        var ids = batch["Records"]!.AsArray().Select(r => r!["messageId"]!.GetValue<string>()).ToList();
        if ((int)status is < 200 or >= 300 || Parse(body) is not { } result)
        {
            return [];
        }

        if (result["batchItemFailures"] is not JsonArray failures)
        {
            return ids;
        }

        var failed = failures.Select(f => f?["itemIdentifier"]?.GetValue<string>()).ToList();
        return failed.Any(id => id is null || !ids.Contains(id)) ? [] : [.. ids.Except(failed.OfType<string>())];
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
