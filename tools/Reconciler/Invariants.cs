using Ecommerce.Contracts;

namespace Ecommerce.Reconciler;

/// <summary>One invariant broken: what it concerns (an order, a product, a payment intent), which rule, and the figures.</summary>
internal sealed record Breach(string Subject, string Rule, string Detail)
{
    public override string ToString() => $"{Subject}: {Rule}: {Detail}";
}

/// <summary>
/// The invariants of the order's life (docs/api.md, "Invariants") checked over one snapshot of the shop. What changed
/// within <c>grace</c> of the snapshot is still moving (its events in flight) and is left to the next run; so are the
/// orders not yet at rest (<c>Submitted</c>, <c>StockReserved</c>), except that none of them may have money captured.
/// </summary>
internal sealed class Invariants(ShopSnapshot shop, TimeSpan grace)
{
    private readonly Dictionary<string, OrderRow> _orders = shop.Orders.ToDictionary(order => order.OrderId, StringComparer.Ordinal);
    private readonly Dictionary<string, ReservationRow> _reservations = shop.Reservations.ToDictionary(r => r.OrderId, StringComparer.Ordinal);
    private readonly Dictionary<string, PaymentRow> _payments = shop.Payments.ToDictionary(p => p.OrderId, StringComparer.Ordinal);
    private readonly ILookup<string, IntentRow> _intentsByOrder = shop.Intents.Where(i => i.OrderId is not null).ToLookup(i => i.OrderId!, StringComparer.Ordinal);

    /// <summary>Orders still moving: not at rest, or changed (the order, its reservation, its payment) within the grace.</summary>
    public IReadOnlySet<string> InFlight { get; } = InFlightOrders(shop, grace);

    public IReadOnlyList<Breach> Check() =>
        [.. shop.Orders.SelectMany(OrderBreaches), .. shop.Stock.SelectMany(StockBreaches), .. shop.Intents.SelectMany(IntentBreaches)];

    private IEnumerable<Breach> OrderBreaches(OrderRow order)
    {
        var intents = _intentsByOrder[order.OrderId].ToList();
        var authorized = intents.Where(i => i.Status == IntentRow.Authorized).ToList();
        var captured = intents.Where(i => i.Status == IntentRow.Captured).ToList();
        var reservation = _reservations.GetValueOrDefault(order.OrderId);
        if (order.Status != OrderStatus.Shipped && captured.Count > 0)
        {
            yield return Of(order, "money captured for an order not shipped", Listed(captured));
        }

        if (InFlight.Contains(order.OrderId))
        {
            yield break;
        }

        switch (order.Status)
        {
            case OrderStatus.Cancelled:
                if (reservation is { } held && held.Held.Sum(line => line.Quantity) is var units and > 0)
                {
                    yield return Of(order, "a cancelled order holds stock", $"{units} units, reservation {held.Status}");
                }

                if (reservation?.Status == "Taken")
                {
                    yield return Of(order, "a cancelled order's stock was taken", "reservation Taken");
                }

                if (authorized.Count > 0)
                {
                    yield return Of(order, "a cancelled order holds authorized money", Listed(authorized));
                }

                break;
            case OrderStatus.Shipped:
                if (captured.Count == 0)
                {
                    yield return Of(order, "a shipped order's money is not captured", $"payment {order.PaymentStatus}, intents: {Listed(intents)}");
                }
                else if (captured.Count > 1)
                {
                    yield return Of(order, "a shipped order's money was captured more than once", Listed(captured));
                }
                else if (captured[0].AmountReceived != Money.ToCents(order.TotalPrice))
                {
                    yield return Of(order, "a shipped order's capture is not its total", $"captured {captured[0].AmountReceived} cents of {Money.ToCents(order.TotalPrice)}");
                }

                if (reservation?.Status != "Taken")
                {
                    yield return Of(order, "a shipped order's stock is not taken", $"reservation {reservation?.Status ?? "missing"}");
                }

                break;
            case OrderStatus.Confirmed:
                if (reservation?.Status != "Reserved")
                {
                    yield return Of(order, "a confirmed order does not hold its stock", $"reservation {reservation?.Status ?? "missing"}");
                }

                if (authorized.Count != 1)
                {
                    yield return Of(order, "a confirmed order does not hold exactly one authorization", $"intents: {Listed(intents)}");
                }

                break;
        }
    }

    private IEnumerable<Breach> StockBreaches(StockRow stock)
    {
        var product = $"product {stock.ProductId}";
        if (stock.OnHand != stock.LastSet - stock.TakenSinceSet)
        {
            yield return new(product, "onHand is not what was set less what shipped", $"onHand {stock.OnHand}, set {stock.LastSet}, shipped since {stock.TakenSinceSet}");
        }

        if (stock.Available != stock.OnHand - stock.Reserved)
        {
            yield return new(product, "available is not onHand less reserved", $"available {stock.Available}, onHand {stock.OnHand}, reserved {stock.Reserved}");
        }

        if (stock.Available < 0 || stock.Reserved < 0)
        {
            yield return new(product, "a count below 0 (oversold)", $"available {stock.Available}, reserved {stock.Reserved}");
        }

        var holders = shop.Reservations.Where(r => r.Lines.Any(line => line.ProductId == stock.ProductId)).ToList();
        var held = holders.Sum(r => r.Held.Where(line => line.ProductId == stock.ProductId).Sum(line => line.Quantity));
        if (stock.Reserved != held && holders.All(r => shop.ReadAt - r.UpdatedAt > grace))
        {
            yield return new(product, "reserved is not the sum of the open reservations",
                $"reserved {stock.Reserved}, reservations hold {held} ({string.Join(", ", holders.Where(r => r.Held.Any()).Select(r => $"order {r.OrderId} {r.Status}"))})");
        }

        var ordering = shop.Orders.Where(o => o.Items.Any(item => item.ProductId == stock.ProductId)).ToList();
        var ordered = ordering.Where(o => o.Status is OrderStatus.StockReserved or OrderStatus.Confirmed)
            .Sum(o => o.Items.Where(item => item.ProductId == stock.ProductId).Sum(item => item.Quantity));
        if (stock.Reserved != ordered && ordering.All(o => !InFlight.Contains(o.OrderId)) && holders.All(r => !InFlight.Contains(r.OrderId)))
        {
            yield return new(product, "reserved is not the units of its orders StockReserved or Confirmed", $"reserved {stock.Reserved}, those orders {ordered}");
        }
    }

    /// <summary>Money held at the provider must be the one intent its order records; any other is an authorization no order explains.</summary>
    private IEnumerable<Breach> IntentBreaches(IntentRow intent)
    {
        if (!intent.HoldsMoney || shop.ReadAt - intent.Created <= grace)
        {
            yield break;
        }

        if (intent.OrderId is null || !_orders.TryGetValue(intent.OrderId, out var order))
        {
            yield return new($"payment intent {intent.Id}", "an authorization no order explains", $"{intent}, order {intent.OrderId ?? "not named"} not found");
        }
        else if (RecordedIntent(order) is var recorded && recorded != intent.Id)
        {
            yield return Of(order, "an authorization no order explains", $"{intent}, the order records {recorded ?? "no intent"}");
        }
    }

    private string? RecordedIntent(OrderRow order) => _payments.GetValueOrDefault(order.OrderId)?.PaymentIntentId ?? order.PaymentIntentId;

    private static Breach Of(OrderRow order, string rule, string detail) => new(order.ToString(), rule, detail);

    private static string Listed(IEnumerable<IntentRow> intents) => intents.Any() ? string.Join(", ", intents) : "none";

    private static HashSet<string> InFlightOrders(ShopSnapshot shop, TimeSpan grace)
    {
        bool Recent(DateTimeOffset at) => shop.ReadAt - at <= grace;
        var moving = shop.Orders.Where(o => o.Status is OrderStatus.Submitted or OrderStatus.StockReserved || Recent(o.UpdatedAt)).Select(o => o.OrderId)
            .Concat(shop.Reservations.Where(r => !r.Settled || Recent(r.UpdatedAt)).Select(r => r.OrderId))
            .Concat(shop.Payments.Where(p => Recent(p.UpdatedAt)).Select(p => p.OrderId));
        return moving.ToHashSet(StringComparer.Ordinal);
    }
}
