using System.Net;
using Stripe;

namespace Ecommerce.Payments.Provider;

/// <summary>What the provider answered an authorization: a payment intent holding the money, or a declined card.</summary>
internal sealed record Authorization(string? PaymentIntentId, string? Brand, string? Last4, string? DeclineCode)
{
    public bool Declined => DeclineCode is not null;
}

/// <summary>What the provider answered a capture: captured, or refused for good with its error code.</summary>
internal sealed record Capture(bool Captured, string? FailureCode);

/// <summary>
/// Payment's calls to the provider, Stripe (Stripe.net): a manual-capture payment intent confirmed at once, its capture,
/// its cancellation. Each call carries the idempotency key of its order and operation, so a retry never charges twice.
/// A 5xx, a timeout or a network error is thrown: the event comes again and the call is made again under the same key.
/// </summary>
internal sealed class StripePayments(StripeSecretKey key, StripeSettings settings)
{
    public const string Currency = "usd";

    private readonly Lazy<StripeClient> _client = new(() => new StripeClient(
        apiKey: key.Value,
        httpClient: new SystemNetHttpClient(new HttpClient { Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds) }, settings.MaxNetworkRetries),
        apiBase: settings.ApiBase is { Length: > 0 } apiBase ? apiBase : null));

    private PaymentIntentService Intents => new(_client.Value);

    /// <summary>Authorizes <paramref name="amountCents"/> on the payment method; the card's brand and last four digits are read from the provider.</summary>
    public async Task<Authorization> AuthorizeAsync(
        string orderId, long amountCents, string paymentMethodId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        PaymentIntent intent;
        try
        {
            intent = await Intents.CreateAsync(
                new PaymentIntentCreateOptions
                {
                    Amount = amountCents,
                    Currency = Currency,
                    PaymentMethod = paymentMethodId,
                    CaptureMethod = "manual",
                    Confirm = true,
                    Metadata = new Dictionary<string, string>(metadata),
                },
                new RequestOptions { IdempotencyKey = IdempotencyKeys.Authorize(orderId) },
                cancellationToken);
        }
        catch (StripeException e) when (IsCardError(e) || IsInvalidRequest(e))
        {
            // A card error, or a payment the provider cannot make at all (no such payment method, too small an amount).
            return new Authorization(e.StripeError?.PaymentIntent?.Id, null, null, e.StripeError?.DeclineCode ?? e.StripeError?.Code ?? "declined");
        }

        var card = (await new PaymentMethodService(_client.Value).GetAsync(intent.PaymentMethodId, cancellationToken: cancellationToken)).Card;
        return new Authorization(intent.Id, card?.Brand, card?.Last4, null);
    }

    public async Task<Capture> CaptureAsync(string orderId, string paymentIntentId, CancellationToken cancellationToken)
    {
        try
        {
            await Intents.CaptureAsync(paymentIntentId, null, new RequestOptions { IdempotencyKey = IdempotencyKeys.Capture(orderId) }, cancellationToken);
            return new Capture(true, null);
        }
        catch (StripeException e) when (IsRefusal(e))
        {
            return new Capture(false, e.StripeError?.Code ?? e.StripeError?.Type ?? ((int)e.HttpStatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Cancels the payment intent, releasing the authorized money; one already canceled is done.</summary>
    public async Task VoidAsync(string orderId, string paymentIntentId, CancellationToken cancellationToken)
    {
        try
        {
            await Intents.CancelAsync(paymentIntentId, null, new RequestOptions { IdempotencyKey = IdempotencyKeys.Void(orderId) }, cancellationToken);
        }
        catch (StripeException e) when (IsRefusal(e) && e.StripeError?.PaymentIntent?.Status == "canceled")
        {
        }
    }

    private static bool IsCardError(StripeException e) =>
        e.HttpStatusCode == HttpStatusCode.PaymentRequired || e.StripeError?.Type == "card_error";

    private static bool IsInvalidRequest(StripeException e) =>
        e.HttpStatusCode == HttpStatusCode.BadRequest && e.StripeError?.Type == "invalid_request_error";

    /// <summary>A 4xx that a retry would answer the same; not our key refused (401), a conflict (409) or a rate limit (429), which may pass.</summary>
    private static bool IsRefusal(StripeException e) =>
        (int)e.HttpStatusCode is >= 400 and < 500
        && e.HttpStatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests);
}
