using System.Net;
using System.Net.Http.Json;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.Reliability.Tests;

/// <summary>
/// A checkout is several calls: read the basket, fix its checkout id, claim the idempotency key,
/// PutEvents, complete the key, delete the basket. Whichever of them fails, the user is told the
/// truth and every accepted checkout becomes exactly one order, retries included.
/// (Basket.Tests checks the event side of a failed PutEvents; these follow it to the orders.)
/// </summary>
public sealed class CheckoutFaultTests(QuietShopFixture fixture) : IClassFixture<QuietShopFixture>
{
    private Shop Shop => fixture.Shop;

    private LocalEdge Edge => fixture.Edge;

    [FaultInjectionFact]
    public async Task When_put_events_throws_the_checkout_is_503_the_basket_is_intact_and_the_retry_makes_one_order()
    {
        var user = NewUser();
        await SaveAsync(user);
        var basket = await Shop.Baskets.GetStringAsync($"/basket/{user}");
        await Edge.InjectFaultAsync("PutEvents", "InternalException", 500, AwsClientExtensions.MaxAttempts);

        var failed = await Shop.CheckoutAsync(user);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(basket, await Shop.Baskets.GetStringAsync($"/basket/{user}"));
        Assert.Equal("[]", await Shop.PendingFaultsAsync());

        var retried = await Shop.CheckoutAsync(user);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var accepted = await retried.Content.ReadFromJsonAsync<CheckoutAccepted>();
        Assert.Equal([accepted!.CheckoutId], await Shop.OrderIdsOfAsync(user, 1));
        await AssertNoSecondOrderAsync(user);
    }

    [FaultInjectionFact]
    public async Task When_eventbridge_fails_the_entry_the_checkout_is_503_the_basket_is_intact_and_the_retry_makes_one_order()
    {
        var user = NewUser();
        await SaveAsync(user);
        // Basket's checkout alone: the stream publishers running beside it must not use the fault up.
        await Edge.FailPutEventsEntriesAsync("ThrottlingException", source: CheckoutBasketEvent.Source);

        var failed = await Shop.CheckoutAsync(user, "key-" + user);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await Shop.Baskets.GetAsync($"/basket/{user}")).StatusCode);

        var retried = await Shop.CheckoutAsync(user, "key-" + user);
        var again = await Shop.CheckoutAsync(user, "key-" + user);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var accepted = await retried.Content.ReadFromJsonAsync<CheckoutAccepted>();
        Assert.Equal(accepted, await again.Content.ReadFromJsonAsync<CheckoutAccepted>());
        Assert.Equal([accepted!.CheckoutId], await Shop.OrderIdsOfAsync(user, 1));
        await AssertNoSecondOrderAsync(user);
    }

    [FaultInjectionFact]
    public async Task When_the_basket_delete_fails_after_publishing_the_checkout_is_accepted_and_checking_out_again_adds_no_order()
    {
        var user = NewUser();
        await SaveAsync(user);
        await Edge.InjectFaultAsync("DeleteItem", "ProvisionedThroughputExceededException", 400, AwsClientExtensions.MaxAttempts);

        var response = await Shop.CheckoutAsync(user);

        // The event is out: telling the user "nothing was changed" would invite a second order.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<CheckoutAccepted>();
        Assert.Equal("[]", await Shop.PendingFaultsAsync());
        Assert.Equal([accepted!.CheckoutId], await Shop.OrderIdsOfAsync(user, 1));

        // The basket outlived its checkout; checking it out again is the same checkout, not a new order.
        var again = await Shop.CheckoutAsync(user);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(accepted, await again.Content.ReadFromJsonAsync<CheckoutAccepted>());
        Assert.Equal(HttpStatusCode.NotFound, (await Shop.Baskets.GetAsync($"/basket/{user}")).StatusCode);
        await AssertNoSecondOrderAsync(user);
    }

    [FaultInjectionFact]
    public async Task When_the_idempotency_record_cannot_be_completed_after_publishing_the_checkout_is_accepted_once()
    {
        var user = NewUser();
        var key = "key-" + user;
        await SaveAsync(user);
        await Edge.InjectFaultAsync("PutEvents", "InternalException", 500, AwsClientExtensions.MaxAttempts);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Shop.CheckoutAsync(user, key)).StatusCode);
        await Edge.InjectFaultAsync("UpdateItem", "InternalServerError", 500, AwsClientExtensions.MaxAttempts);

        var response = await Shop.CheckoutAsync(user, key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("[]", await Shop.PendingFaultsAsync());
        var accepted = await response.Content.ReadFromJsonAsync<CheckoutAccepted>();
        Assert.Equal([accepted!.CheckoutId], await Shop.OrderIdsOfAsync(user, 1));

        var retried = await Shop.CheckoutAsync(user, key);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(accepted, await retried.Content.ReadFromJsonAsync<CheckoutAccepted>());
        await AssertNoSecondOrderAsync(user);
    }

    [FaultInjectionFact]
    public async Task A_key_left_pending_by_a_failed_publish_whose_release_also_failed_is_taken_over_by_the_retry()
    {
        var user = NewUser();
        var key = "key-" + user;
        await SaveAsync(user);
        await Edge.InjectFaultAsync("PutEvents", "InternalException", 500, AwsClientExtensions.MaxAttempts);
        await Edge.InjectFaultAsync("DeleteItem", "InternalServerError", 500, AwsClientExtensions.MaxAttempts);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Shop.CheckoutAsync(user, key)).StatusCode);
        Assert.Equal("[]", await Shop.PendingFaultsAsync());

        var retried = await Shop.CheckoutAsync(user, key);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var accepted = await retried.Content.ReadFromJsonAsync<CheckoutAccepted>();
        Assert.Equal([accepted!.CheckoutId], await Shop.OrderIdsOfAsync(user, 1));
        Assert.Equal(accepted, await (await Shop.CheckoutAsync(user, key)).Content.ReadFromJsonAsync<CheckoutAccepted>());
        await AssertNoSecondOrderAsync(user);
    }

    [FaultInjectionFact]
    public async Task When_the_idempotency_key_cannot_be_claimed_the_checkout_is_503_and_nothing_is_written()
    {
        var user = NewUser();
        await SaveAsync(user);
        var before = await Shop.SnapshotAsync(withoutCheckoutMarks: true);
        await Edge.InjectFaultAsync("PutItem", "ThrottlingException", 400, AwsClientExtensions.MaxAttempts);

        var response = await Shop.CheckoutAsync(user, "key-" + user);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("[]", await Shop.PendingFaultsAsync());
        Assert.Equal(before, await Shop.SnapshotAsync(withoutCheckoutMarks: true));
        Assert.Equal(HttpStatusCode.Accepted, (await Shop.CheckoutAsync(user, "key-" + user)).StatusCode);
        await Shop.OrderIdsOfAsync(user, 1);
        await AssertNoSecondOrderAsync(user);
    }

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..8];

    private async Task SaveAsync(string user) =>
        (await Shop.SaveBasketAsync(user, ("p1", 2, 10.25m), ("p2", 1, 0.5m))).EnsureSuccessStatusCode();

    /// <summary>Gives a second order time to appear (a redelivery, a second event), then checks there is none.</summary>
    private async Task AssertNoSecondOrderAsync(string user)
    {
        await Shop.WaitForOrderQueueDrainedAsync();
        Assert.Single(await Shop.ScanAsync(ResourceDefinitions.OrderTable), o => o["userName"].S == user);
    }
}
