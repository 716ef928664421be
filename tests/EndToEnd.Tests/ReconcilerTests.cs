using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Stripe;
using static Ecommerce.EndToEnd.Tests.WholeShop;

namespace Ecommerce.EndToEnd.Tests;

/// <summary>
/// The reconciler (tools/Reconciler) from its command line over a whole shop: silent after real orders have lived
/// their lives, and naming the order, product or payment intent of each invariant broken on purpose, by writes that
/// go around the services straight to the tables and the provider.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class ReconcilerTests(LocalEdge edge) : IAsyncDisposable
{
    private readonly WholeShop _shop = new(edge, withOrderLife: true);

    public ValueTask DisposeAsync() => _shop.DisposeAsync();

    [Fact]
    public async Task After_orders_are_shipped_cancelled_declined_rejected_and_confirmed_every_invariant_holds()
    {
        var since = await NextSecondAsync();
        var kettle = await _shop.CreateProductAsync("Kettle", 19.99m);
        var mug = await _shop.CreateProductAsync("Mug", 4.50m);
        var lamp = await _shop.CreateProductAsync("Lamp", 30m);
        await _shop.SetStockAsync(kettle, 5);
        await _shop.SetStockAsync(mug, 3);
        await _shop.SetStockAsync(lamp, 1);

        var shipped = await ConfirmedAsync("ada", (kettle, 2));
        await ShipAsync("ada", shipped);
        var cancelled = await ConfirmedAsync("bob", (mug, 1));
        (await _shop.Orders.PostAsync($"/order/bob/{cancelled}/cancel", null)).EnsureSuccessStatusCode();
        var declined = await _shop.BuyAsync("cy", ShopperCards.InsufficientFunds, (mug, 1));
        var rejected = await _shop.BuyAsync("dee", ShopperCards.Succeeds, (lamp, 2));
        await ConfirmedAsync("eve", (kettle, 1));

        await EventuallyOrderAsync(_shop.Orders, "ada", shipped, o => o.Payment.Status == "Captured");
        await EventuallyOrderAsync(_shop.Orders, "bob", cancelled, o => o.Payment.Status == "Voided");
        await EventuallyOrderAsync(_shop.Orders, "cy", declined, o => o.CancelReason == "PaymentDeclined");
        await EventuallyOrderAsync(_shop.Orders, "dee", rejected, o => o.CancelReason == "OutOfStock");
        await Eventually.HoldsAsync(() => _shop.StockAsync(kettle), s => (s.OnHand, s.Reserved) == (3, 1), Settles, "the shipped kettles taken");
        await Eventually.HoldsAsync(() => _shop.StockAsync(mug), s => s.Available == 3, Settles, "the cancelled mug released");

        var run = await Reconciler.RunAsync(edge, _shop.TableSuffix, since);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Checked 5 orders (Submitted 0, StockReserved 0, Confirmed 1, Shipped 1, Cancelled 3; 0 still moving)", run.Output, StringComparison.Ordinal);
        Assert.Contains("; broken invariants: 0.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_invariant_broken_on_purpose_is_reported_naming_its_order_product_or_payment_intent_and_the_run_fails()
    {
        var since = await NextSecondAsync();
        var kettle = await _shop.CreateProductAsync("Kettle", 19.99m);
        var mug = await _shop.CreateProductAsync("Mug", 4.50m);
        var lamp = await _shop.CreateProductAsync("Lamp", 30m);
        var vase = await _shop.CreateProductAsync("Vase", 12m);
        var cup = await _shop.CreateProductAsync("Cup", 3m);
        foreach (var (product, units) in new[] { (kettle, 5), (mug, 5), (lamp, 5), (vase, 4), (cup, 0) })
        {
            await _shop.SetStockAsync(product, units);
        }

        // Real lives first: fay cancels, gus's capture is refused by the provider, hal's order ships.
        var fay = await ConfirmedAsync("fay", (kettle, 1));
        (await _shop.Orders.PostAsync($"/order/fay/{fay}/cancel", null)).EnsureSuccessStatusCode();
        var gus = await ConfirmedAsync("gus", (mug, 1));
        await edge.InjectFaultAsync("CapturePaymentIntent", "payment_intent_unexpected_state", statusCode: 400);
        await ShipAsync("gus", gus);
        var hal = await ConfirmedAsync("hal", (kettle, 1));
        await ShipAsync("hal", hal);
        await EventuallyOrderAsync(_shop.Orders, "fay", fay, o => o.Payment.Status == "Voided");
        await EventuallyOrderAsync(_shop.Orders, "gus", gus, o => o.Payment.Status == "CaptureFailed");
        await EventuallyOrderAsync(_shop.Orders, "hal", hal, o => o.Payment.Status == "Captured");
        await Eventually.HoldsAsync(() => _shop.StockAsync(kettle), s => (s.OnHand, s.Reserved) == (4, 0), Settles, "hal's kettle taken, fay's released");
        await Eventually.HoldsAsync(() => _shop.StockAsync(mug), s => (s.OnHand, s.Reserved) == (4, 0), Settles, "gus's mug taken");
        var sound = await Reconciler.RunAsync(edge, _shop.TableSuffix, since);
        Assert.True(sound.ExitCode == 1 && sound.Output.Contains("; broken invariants: 1.", StringComparison.Ordinal), $"only gus's capture is missing: {sound.Output}");

        // Then writes around the services: to tables without a stream, so that nothing answers them, and to the provider.
        using var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = edge.EndpointUrl });
        await HoldAgainAsync(dynamo, fay);
        await HoldAgainAsync(dynamo, gus);
        var stripe = new StripeClient(apiKey: StripeSecretKey, apiBase: $"{edge.Cloud.Url}/stripe");
        var fayAgain = await AuthorizeAsync(stripe, fay);
        await dynamo.UpdateItemAsync(Table(ResourceDefinitions.PaymentTable), new() { ["orderId"] = new(fay) }, new Dictionary<string, AttributeValueUpdate>
        {
            ["paymentIntentId"] = new(new AttributeValue(fayAgain), AttributeAction.PUT),
        });
        var second = await AuthorizeAsync(stripe, hal);
        await new PaymentIntentService(stripe).CaptureAsync(second);
        var stray = await AuthorizeAsync(stripe, "o-stray");
        await dynamo.PutItemAsync(Table(ResourceDefinitions.ReservationTable), new Dictionary<string, AttributeValue>
        {
            ["orderId"] = new("o-ghost"),
            ["status"] = new("Reserved"),
            ["chunksDone"] = new() { N = "1" },
            ["lines"] = new() { L = [new() { M = new() { ["productId"] = new(lamp), ["quantity"] = new() { N = "2" } } }] },
            ["userName"] = new("ghost"),
            ["orderDate"] = new("2026-01-01T00:00:00.0000000Z"),
        });
        await AddToStockAsync(dynamo, vase, "onHand", 1);
        await AddToStockAsync(dynamo, vase, "available", 1);
        await AddToStockAsync(dynamo, cup, "reserved", 1);
        await AddToStockAsync(dynamo, cup, "available", -1);

        var run = await Reconciler.RunAsync(edge, _shop.TableSuffix, since);

        Assert.True(run.ExitCode == 1, run.Output);
        string[] expected =
        [
            $"BROKEN order {fay} (fay, Cancelled): a cancelled order holds stock: 1 units, reservation Reserved",
            $"BROKEN order {fay} (fay, Cancelled): a cancelled order holds authorized money: {fayAgain} (requires_capture",
            $"BROKEN order {gus} (gus, Shipped): a shipped order's money is not captured: payment CaptureFailed",
            $"BROKEN order {gus} (gus, Shipped): a shipped order's stock is not taken: reservation Reserved",
            $"BROKEN order {hal} (hal, Shipped): a shipped order's money was captured more than once",
            $"BROKEN order {hal} (hal, Shipped): an authorization no order explains: {second}",
            $"BROKEN payment intent {stray}: an authorization no order explains",
            $"BROKEN product {lamp}: reserved is not the sum of the open reservations: reserved 0, reservations hold 2 (order o-ghost Reserved)",
            $"BROKEN product {kettle}: reserved is not the sum of the open reservations: reserved 0, reservations hold 1 (order {fay} Reserved)",
            $"BROKEN product {mug}: reserved is not the sum of the open reservations: reserved 0, reservations hold 1 (order {gus} Reserved)",
            $"BROKEN product {cup}: reserved is not the units of its orders StockReserved or Confirmed: reserved 1, those orders 0",
            $"BROKEN product {vase}: onHand is not what was set less what shipped: onHand 5, set 4, shipped since 0",
            $"BROKEN product {cup}: a count below 0 (oversold): available -1, reserved 1",
        ];
        var missing = expected.Where(line => !run.Output.Contains(line, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"Not reported:\n{string.Join('\n', missing)}\nThe reconciler said:\n{run.Output}");
        Assert.Contains("; broken invariants: 14.", run.Output, StringComparison.Ordinal);
    }

    /// <summary>The start of the next whole second, once it has come: the provider's intents of earlier tests are older.</summary>
    private static async Task<DateTimeOffset> NextSecondAsync()
    {
        var next = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        await Task.Delay(next - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(10));
        return next;
    }

    private async Task<string> ConfirmedAsync(string userName, params (string ProductId, int Quantity)[] items)
    {
        var orderId = await _shop.BuyAsync(userName, ShopperCards.Succeeds, items);
        await EventuallyOrderAsync(_shop.Orders, userName, orderId, o => o.Status == "Confirmed");
        return orderId;
    }

    private async Task ShipAsync(string userName, string orderId)
    {
        using var shipped = await _shop.Orders.PostAsync($"/order/{userName}/{orderId}/ship", null);
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
    }

    private string Table(TableDefinition table) => table.DefaultName + _shop.TableSuffix;

    /// <summary>Puts an order's reservation (of one chunk) back to Reserved, as a lost release or take would leave it.</summary>
    private async Task HoldAgainAsync(AmazonDynamoDBClient dynamo, string orderId) =>
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table(ResourceDefinitions.ReservationTable),
            Key = new() { ["orderId"] = new(orderId) },
            UpdateExpression = "SET #status = :reserved, #chunksDone = :one",
            ExpressionAttributeNames = new() { ["#status"] = "status", ["#chunksDone"] = "chunksDone" },
            ExpressionAttributeValues = new() { [":reserved"] = new("Reserved"), [":one"] = new() { N = "1" } },
        });

    private async Task AddToStockAsync(AmazonDynamoDBClient dynamo, string productId, string count, int units) =>
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table(ResourceDefinitions.StockTable),
            Key = new() { ["productId"] = new(productId) },
            UpdateExpression = "SET #count = #count + :units",
            ExpressionAttributeNames = new() { ["#count"] = count },
            ExpressionAttributeValues = new() { [":units"] = new() { N = units.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        });

    /// <summary>An authorization made at the provider straight, as a stray script or a double charge would.</summary>
    private static async Task<string> AuthorizeAsync(StripeClient stripe, string orderId) =>
        (await new PaymentIntentService(stripe).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1999,
            Currency = "usd",
            PaymentMethod = "pm_card_visa",
            CaptureMethod = "manual",
            Confirm = true,
            Metadata = new Dictionary<string, string> { ["orderId"] = orderId },
        })).Id;
}
