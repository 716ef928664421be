using System.Diagnostics;
using System.Text.Json;
using Ecommerce.Baskets.Catalogue;
using Ecommerce.Contracts;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Baskets;

/// <summary>How a checkout ended: accepted with its answer, or why not.</summary>
internal abstract record CheckoutResult
{
    private CheckoutResult()
    {
    }

    public sealed record Accepted(CheckoutAccepted Answer) : CheckoutResult;

    public sealed record NoBasket : CheckoutResult;

    public sealed record EmptyBasket : CheckoutResult;

    /// <summary>Products of the basket deleted from the catalogue (or unknown to it), as field errors; the basket is kept.</summary>
    public sealed record ProductsUnavailable(Dictionary<string, string[]> Errors) : CheckoutResult;

    /// <summary>EventBridge did not take the event; the basket is as it was.</summary>
    public sealed record NotPublished : CheckoutResult;

    public sealed record KeyInProgress : CheckoutResult;

    public sealed record KeyUsedByAnotherUser : CheckoutResult;
}

/// <summary>
/// Checks a basket out: publish the CheckoutBasket event, and only once EventBridge accepted it,
/// delete the basket. With an Idempotency-Key the first result is kept and answered again.
/// The checkout id and time are written onto the basket revision before publishing, so every retry
/// of that basket publishes the identical event, which Ordering stores once.
/// </summary>
internal sealed partial class BasketCheckout(
    BasketRepository baskets,
    BasketPricing pricing,
    CheckoutRecords records,
    IEventBridgeClient eventBridge,
    ResourceNames names,
    TimeProvider clock,
    ILogger<BasketCheckout> logger)
{
    /// <summary>How long a request waits for a concurrent request with the same key to finish.</summary>
    private static readonly TimeSpan ConcurrentWait = TimeSpan.FromSeconds(3);

    public async Task<CheckoutResult> CheckoutAsync(CheckoutInput input, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var record = idempotencyKey is null ? null : await records.GetAsync(idempotencyKey, cancellationToken);
        if (record is { Completed: true })
        {
            return Answer(record, input);
        }

        var (stored, pending) = await BeginAsync(input.UserName!, cancellationToken);
        if (stored is null)
        {
            // A key still pending whose basket is gone: a basket is deleted only after its event was published.
            return record is null ? new CheckoutResult.NoBasket() : Answer(record, input);
        }

        if (stored.Lines.Count == 0)
        {
            return new CheckoutResult.EmptyBasket();
        }

        if (pending is null)
        {
            return new CheckoutResult.NotPublished();
        }

        // Priced as the catalogue is now; the event carries the prices used.
        var priced = await pricing.PriceAsync(stored.UserName, stored.Lines, cancellationToken);
        if (priced.Unavailable.Count > 0)
        {
            return new CheckoutResult.ProductsUnavailable(priced.Errors());
        }

        var checkout = CreateEvent(priced.Basket, pending, input);
        if (idempotencyKey is not null && await ClaimKeyAsync(idempotencyKey, checkout, input, cancellationToken) is { } answered)
        {
            return answered;
        }

        if (!await TryPublishAsync(checkout, cancellationToken))
        {
            if (idempotencyKey is not null)
            {
                await records.ReleaseAsync(idempotencyKey, checkout.CheckoutId, cancellationToken);
            }

            return new CheckoutResult.NotPublished();
        }

        LogPublished(logger, checkout.CheckoutId, checkout.UserName);
        await FinishAsync(idempotencyKey, stored, checkout.CheckoutId);
        return new CheckoutResult.Accepted(AnswerOf(checkout));
    }

    /// <summary>
    /// Claims the key for this checkout. Null when this request holds it and goes on to publish;
    /// otherwise the answer of the request that holds it.
    /// </summary>
    private async Task<CheckoutResult?> ClaimKeyAsync(string idempotencyKey, CheckoutBasketEvent checkout, CheckoutInput input, CancellationToken cancellationToken)
    {
        if (await records.TryClaimAsync(idempotencyKey, AnswerOf(checkout), cancellationToken))
        {
            return null;
        }

        var answer = await AwaitConcurrentAsync(idempotencyKey, input, cancellationToken);
        // The request holding the key stalled on this very checkout: publishing the same event again is safe.
        var stalledOnThis = answer is CheckoutResult.KeyInProgress
            && (await records.GetAsync(idempotencyKey, cancellationToken))?.Result.CheckoutId == checkout.CheckoutId;
        return stalledOnThis ? null : answer;
    }

    /// <summary>
    /// The basket's revision with its checkout id and time, written before the first attempt to
    /// publish; no checkout when the basket kept changing underneath.
    /// </summary>
    private async Task<(StoredBasket? Stored, PendingCheckout? Checkout)> BeginAsync(string userName, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = await baskets.GetAsync(userName, cancellationToken);
            if (stored is null || stored.Lines.Count == 0 || stored.Checkout is not null)
            {
                return (stored, stored?.Checkout);
            }

            var checkout = new PendingCheckout(Guid.CreateVersion7().ToString(), CheckoutBasketEvent.FormatTime(clock.GetUtcNow()));
            if (await baskets.TryBeginCheckoutAsync(stored, checkout, cancellationToken))
            {
                return (stored with { Checkout = checkout }, checkout);
            }
        }

        return (await baskets.GetAsync(userName, cancellationToken), null);
    }

    /// <summary>
    /// Completes the key and deletes the basket. The event is out, so the checkout is accepted whatever
    /// happens here, even if the client went away: a failure is logged, and a retry of the same basket
    /// publishes the same checkout again.
    /// </summary>
    private async Task FinishAsync(string? idempotencyKey, StoredBasket stored, string checkoutId)
    {
        try
        {
            if (idempotencyKey is not null)
            {
                await records.CompleteAsync(idempotencyKey, checkoutId, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            LogFinishFailed(logger, checkoutId, "completing its idempotency key", e.GetType().Name);
        }

        try
        {
            if (!await baskets.DeleteCheckedOutAsync(stored, CancellationToken.None))
            {
                LogBasketChanged(logger, checkoutId);
            }
        }
        catch (Exception e)
        {
            LogFinishFailed(logger, checkoutId, "deleting the basket", e.GetType().Name);
        }
    }

    private static CheckoutBasketEvent CreateEvent(Basket basket, PendingCheckout pending, CheckoutInput input) => new(
        pending.CheckoutId,
        basket.UserName,
        basket.TotalPrice,
        basket.Items,
        input.FirstName!,
        input.LastName!,
        input.Email!,
        input.Address!,
        input.PaymentMethodId!,
        pending.CheckedOutAt);

    private async Task<bool> TryPublishAsync(CheckoutBasketEvent checkout, CancellationToken cancellationToken)
    {
        // The consumer's span continues this one: the trace header travels with the event to SQS.
        using var publishing = TraceContext.Source.StartActivity("publish CheckoutBasket", ActivityKind.Producer);
        publishing?.SetTag("checkout.id", checkout.CheckoutId);
        var entry = new EventEntry(
            names[ResourceDefinitions.EventBus],
            CheckoutBasketEvent.Source,
            CheckoutBasketEvent.DetailType,
            JsonSerializer.Serialize(checkout, CheckoutEventJsonContext.Default.CheckoutBasketEvent),
            TraceHeader: TraceContext.ToTraceHeader(publishing ?? Activity.Current));
        try
        {
            var result = await eventBridge.PutEventsAsync([entry], cancellationToken);
            if (result.FailedEntryCount == 0)
            {
                return true;
            }

            LogEntryFailed(logger, checkout.CheckoutId, result.Entries.Count > 0 ? result.Entries[0].ErrorCode : null);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPublishFailed(logger, checkout.CheckoutId, e.GetType().Name);
            return false;
        }
    }

    private static CheckoutAccepted AnswerOf(CheckoutBasketEvent checkout) => new(checkout.CheckoutId, checkout.UserName, checkout.TotalPrice);

    /// <summary>Another request holds the key: answer with its result once it has one.</summary>
    private async Task<CheckoutResult> AwaitConcurrentAsync(
        string idempotencyKey, CheckoutInput input, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + ConcurrentWait;
        while (clock.GetUtcNow() < deadline)
        {
            switch (await records.GetAsync(idempotencyKey, cancellationToken))
            {
                case { Completed: true } done:
                    return Answer(done, input);
                case null:
                    return new CheckoutResult.NotPublished(); // the other request failed and gave the key back
                default:
                    await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
                    break;
            }
        }

        return new CheckoutResult.KeyInProgress();
    }

    private static CheckoutResult Answer(CheckoutRecord record, CheckoutInput input) =>
        record.Result.UserName == input.UserName
            ? new CheckoutResult.Accepted(record.Result)
            : new CheckoutResult.KeyUsedByAnotherUser();

    // An id of its own, not one derived from the method's name: the stack's CheckoutsPublished metric filter matches it.
    [LoggerMessage(EventId = 100, EventName = "CheckoutPublished", Level = LogLevel.Information, Message = "Checkout {CheckoutId} of {UserName} published")]
    private static partial void LogPublished(ILogger logger, string checkoutId, string userName);

    [LoggerMessage(LogLevel.Information, "Checkout {CheckoutId}: the basket changed meanwhile and was kept")]
    private static partial void LogBasketChanged(ILogger logger, string checkoutId);

    [LoggerMessage(LogLevel.Warning, "Checkout {CheckoutId} not published: EventBridge failed the entry with {ErrorCode}")]
    private static partial void LogEntryFailed(ILogger logger, string checkoutId, string? errorCode);

    [LoggerMessage(LogLevel.Warning, "Checkout {CheckoutId} published, but {Step} failed with {ExceptionType}; a retry publishes the same checkout")]
    private static partial void LogFinishFailed(ILogger logger, string checkoutId, string step, string exceptionType);

    [LoggerMessage(LogLevel.Warning, "Checkout {CheckoutId} not published: {ExceptionType}")]
    private static partial void LogPublishFailed(ILogger logger, string checkoutId, string exceptionType);
}
