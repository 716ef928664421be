using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.Reliability.Tests;

/// <summary>
/// Streams of checkouts through Basket, EventBridge, SQS and Ordering while Ordering is stopped and
/// started, or SQS and DynamoDB fail under the consumer: every accepted checkout becomes exactly one
/// order. (Ordering.Tests checks the poller's back-off and a failed delete on single messages.)
/// </summary>
public sealed class OrderStreamTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private Shop Shop => fixture.Shop;

    [Fact]
    public async Task Ordering_stopped_in_the_middle_of_a_stream_of_checkouts_and_started_again_makes_each_checkout_one_order()
    {
        var accepted = new ConcurrentBag<string>();
        var prefix = "restart-" + Guid.NewGuid().ToString("N")[..6] + "-";

        var stream = CheckOutAsync(prefix, 0, 40, accepted);
        await Eventually.HoldsAsync(async () => (await Shop.OrderIdsAsync()).Count, orders => orders >= 3, TimeSpan.FromSeconds(20), "the first orders");
        await Shop.StopOrderingAsync(); // while checkouts keep coming, and a batch may be in hand
        var stoppedAt = accepted.Count;
        await Eventually.HoldsAsync(() => Task.FromResult(accepted.Count), count => count >= stoppedAt + 8 || stream.IsCompleted, TimeSpan.FromSeconds(20), "checkouts while Ordering is down");
        Shop.StartOrdering();
        await stream;

        Assert.Equal(40, accepted.Count);
        await AssertExactlyOneOrderEachAsync(prefix, accepted);
    }

    [FaultInjectionFact]
    public async Task A_stream_of_checkouts_through_failing_sqs_receives_and_deletes_and_order_writes_makes_each_checkout_one_order()
    {
        var accepted = new ConcurrentBag<string>();
        var prefix = "faults-" + Guid.NewGuid().ToString("N")[..6] + "-";
        await SaveBasketsAsync(prefix, 0, 20); // before the faults: PutItem is the order write's to fail
        await fixture.Edge.InjectFaultAsync("ReceiveMessage", "InternalError", 500, count: 6);
        await fixture.Edge.InjectFaultAsync("DeleteMessageBatch", "InternalError", 500, count: 2 * AwsClientExtensions.MaxAttempts);
        await fixture.Edge.InjectFaultAsync("PutItem", "ProvisionedThroughputExceededException", 400, count: 2 * AwsClientExtensions.MaxAttempts);

        await CheckOutAsync(prefix, 0, 20, accepted, saveFirst: false);

        Assert.Equal(20, accepted.Count);
        await AssertExactlyOneOrderEachAsync(prefix, accepted);
        Assert.Equal("[]", await Shop.PendingFaultsAsync());
        var logs = Shop.LogLines.ToList();
        Assert.Contains(logs, line => line.Contains("Polling the queue OrderQueue", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.Contains("failed with ProvisionedThroughputExceededException", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.Contains(": AlreadySaved", StringComparison.Ordinal)); // a message whose delete failed came back
    }

    private Task SaveBasketsAsync(string prefix, int from, int to) =>
        Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            (await Shop.SaveBasketAsync(prefix + i, ("p1", 1 + (i % 3), 2.5m))).EnsureSuccessStatusCode());

    /// <summary>Users <paramref name="from"/> to <paramref name="to"/> each (save a basket and) check it out, four at a time.</summary>
    private async Task CheckOutAsync(string prefix, int from, int to, ConcurrentBag<string> accepted, bool saveFirst = true) =>
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var user = prefix + i;
            if (saveFirst)
            {
                (await Shop.SaveBasketAsync(user, ("p1", 1 + (i % 3), 2.5m))).EnsureSuccessStatusCode();
            }

            using var response = await Shop.CheckoutAsync(user);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            accepted.Add((await response.Content.ReadFromJsonAsync<CheckoutAccepted>(cancellationToken))!.CheckoutId);
        });

    private async Task AssertExactlyOneOrderEachAsync(string prefix, IEnumerable<string> accepted)
    {
        var expected = accepted.Order(StringComparer.Ordinal).ToList();
        var orders = await Eventually.HoldsAsync(
            async () => (await Shop.ScanAsync(ResourceDefinitions.OrderTable))
                .Where(o => o["userName"].S.StartsWith(prefix, StringComparison.Ordinal))
                .Select(o => o["orderId"].S).Order(StringComparer.Ordinal).ToList(),
            found => found.Count >= expected.Count,
            TimeSpan.FromSeconds(45),
            $"{expected.Count} orders");
        await Shop.WaitForOrderQueueDrainedAsync();

        orders = [.. (await Shop.ScanAsync(ResourceDefinitions.OrderTable))
            .Where(o => o["userName"].S.StartsWith(prefix, StringComparison.Ordinal))
            .Select(o => o["orderId"].S).Order(StringComparer.Ordinal)];
        Assert.Equal(expected, orders);
    }
}
