using Stripe;

namespace Ecommerce.Reconciler;

/// <summary>
/// The provider's payment intents, through Stripe.net: listed a page of 100 at a time (Stripe's auto-paging), from a
/// time on, and fetched one by one for an order whose intent the list did not hold. Reads only: a Stripe restricted
/// key with read access to PaymentIntents is enough.
/// </summary>
internal sealed class ProviderIntents(StripeClient client)
{
    private PaymentIntentService Intents => new(client);

    public async Task<IReadOnlyList<IntentRow>> ListAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var options = new PaymentIntentListOptions
        {
            Limit = 100,
            Created = since is { } from ? new DateRangeOptions { GreaterThanOrEqual = from.UtcDateTime } : null,
        };
        var intents = new List<IntentRow>();
        await foreach (var intent in Intents.ListAutoPagingAsync(options, cancellationToken: cancellationToken))
        {
            intents.Add(RowOf(intent));
        }

        return intents;
    }

    public async Task<IntentRow> GetAsync(string id, CancellationToken cancellationToken) =>
        RowOf(await Intents.GetAsync(id, cancellationToken: cancellationToken));

    private static IntentRow RowOf(PaymentIntent intent) => new(
        intent.Id,
        intent.Status,
        intent.Amount,
        intent.AmountReceived,
        intent.Metadata?.GetValueOrDefault("orderId"),
        new DateTimeOffset(DateTime.SpecifyKind(intent.Created, DateTimeKind.Utc)));
}
