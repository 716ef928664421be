namespace Ecommerce.Reconciler;

internal static class Snapshot
{
    /// <summary>
    /// Reads the shop: the time first (what changes during the reads is then newer than it, and counts as still
    /// moving), the tables, the provider's intents from <paramref name="since"/> on, and any intent an order or a
    /// payment record names that the list left out.
    /// </summary>
    public static async Task<ShopSnapshot> ReadAsync(ShopTables tables, ProviderIntents provider, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var readAt = DateTimeOffset.UtcNow;
        var orders = await tables.OrdersAsync(cancellationToken);
        var stock = await tables.StockAsync(cancellationToken);
        var reservations = await tables.ReservationsAsync(cancellationToken);
        var payments = await tables.PaymentsAsync(cancellationToken);
        var intents = (await provider.ListAsync(since, cancellationToken)).ToList();
        var listed = intents.Select(intent => intent.Id).ToHashSet(StringComparer.Ordinal);
        var named = orders.Select(order => order.PaymentIntentId).Concat(payments.Select(payment => payment.PaymentIntentId))
            .OfType<string>().Distinct(StringComparer.Ordinal).Where(id => !listed.Contains(id));
        foreach (var id in named)
        {
            intents.Add(await provider.GetAsync(id, cancellationToken));
        }

        return new ShopSnapshot(orders, stock, reservations, payments, intents, readAt);
    }
}
