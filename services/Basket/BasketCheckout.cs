using System.Text.Json;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Baskets;

public enum CheckoutOutcome
{
    Accepted,
    NoBasket,
    EmptyBasket,
    NotPublished,
    KeyInProgress,
    KeyUsedByAnotherUser,
}

/// <summary>
/// Checks a basket out: publish the CheckoutBasket event, and only once EventBridge accepted it,
/// delete the basket. With an Idempotency-Key the first result is kept and answered again.
/// </summary>
public sealed partial class BasketCheckout(
    BasketRepository baskets,
    CheckoutRecords records,
    IEventBridgeClient eventBridge,
    IOptions<ResourceNames> names,
    TimeProvider clock,
    ILogger<BasketCheckout> logger)
{
    /// <summary>How long a request waits for a concurrent request with the same key to finish.</summary>
    private static readonly TimeSpan ConcurrentWait = TimeSpan.FromSeconds(3);

    public async Task<(CheckoutOutcome Outcome, CheckoutAccepted? Result)> CheckoutAsync(
        CheckoutInput input, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && await records.GetAsync(idempotencyKey, cancellationToken) is { Completed: true } done)
        {
            return Answer(done, input);
        }

        if (await baskets.GetAsync(input.UserName!, cancellationToken) is not { } stored)
        {
            return (CheckoutOutcome.NoBasket, null);
        }

        if (stored.Basket.Items.Count == 0)
        {
            return (CheckoutOutcome.EmptyBasket, null);
        }

        var checkout = CreateEvent(stored.Basket, input);
        var result = new CheckoutAccepted(checkout.CheckoutId, checkout.UserName, checkout.TotalPrice);
        if (idempotencyKey is not null && !await records.TryClaimAsync(idempotencyKey, result, cancellationToken))
        {
            return await AwaitConcurrentAsync(idempotencyKey, input, cancellationToken);
        }

        if (!await TryPublishAsync(checkout, cancellationToken))
        {
            if (idempotencyKey is not null)
            {
                await records.ReleaseAsync(idempotencyKey, checkout.CheckoutId, cancellationToken);
            }

            return (CheckoutOutcome.NotPublished, null);
        }

        LogPublished(logger, checkout.CheckoutId, checkout.UserName);
        if (idempotencyKey is not null)
        {
            await records.CompleteAsync(idempotencyKey, checkout.CheckoutId, cancellationToken);
        }

        if (!await baskets.DeleteCheckedOutAsync(stored, cancellationToken))
        {
            LogBasketChanged(logger, checkout.CheckoutId);
        }

        return (CheckoutOutcome.Accepted, result);
    }

    private CheckoutBasketEvent CreateEvent(Basket basket, CheckoutInput input) => new(
        Guid.CreateVersion7().ToString(),
        basket.UserName,
        basket.TotalPrice,
        [.. basket.Items.Select(i => new CheckoutItem(i.ProductId, i.ProductName, i.Color, i.Quantity, i.Price))],
        input.FirstName!,
        input.LastName!,
        input.Email!,
        input.Address!,
        input.PaymentMethod!.Value,
        input.CardLast4,
        CheckoutBasketEvent.FormatTime(clock.GetUtcNow()));

    private async Task<bool> TryPublishAsync(CheckoutBasketEvent checkout, CancellationToken cancellationToken)
    {
        var entry = new EventEntry(
            names.Value.EventBus,
            CheckoutBasketEvent.Source,
            CheckoutBasketEvent.DetailType,
            JsonSerializer.Serialize(checkout, CheckoutEventJsonContext.Default.CheckoutBasketEvent));
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

    /// <summary>Another request holds the key: answer with its result once it has one.</summary>
    private async Task<(CheckoutOutcome, CheckoutAccepted?)> AwaitConcurrentAsync(
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
                    return (CheckoutOutcome.NotPublished, null); // the other request failed and gave the key back
                default:
                    await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
                    break;
            }
        }

        return (CheckoutOutcome.KeyInProgress, null);
    }

    private static (CheckoutOutcome, CheckoutAccepted?) Answer(CheckoutRecord record, CheckoutInput input) =>
        record.Result.UserName == input.UserName
            ? (CheckoutOutcome.Accepted, record.Result)
            : (CheckoutOutcome.KeyUsedByAnotherUser, null);

    [LoggerMessage(LogLevel.Information, "Checkout {CheckoutId} of {UserName} published")]
    private static partial void LogPublished(ILogger logger, string checkoutId, string userName);

    [LoggerMessage(LogLevel.Information, "Checkout {CheckoutId}: the basket changed meanwhile and was kept")]
    private static partial void LogBasketChanged(ILogger logger, string checkoutId);

    [LoggerMessage(LogLevel.Warning, "Checkout {CheckoutId} not published: EventBridge failed the entry with {ErrorCode}")]
    private static partial void LogEntryFailed(ILogger logger, string checkoutId, string? errorCode);

    [LoggerMessage(LogLevel.Warning, "Checkout {CheckoutId} not published: {ExceptionType}")]
    private static partial void LogPublishFailed(ILogger logger, string checkoutId, string exceptionType);
}
