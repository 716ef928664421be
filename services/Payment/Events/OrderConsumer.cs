using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ecommerce.Contracts;
using Ecommerce.Payments.Provider;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Payments.Events;

/// <summary>
/// Moves an order's money as the order moves: authorizes it once its stock is reserved, voids it when the order is
/// cancelled, captures it when the order ships. Each step is a provider call under the order's idempotency key and one
/// conditional write; its answer is published after the write, and a delivery that finds the step done publishes the
/// same answer again, so a crash between any two of those loses nothing and charges nothing twice.
/// </summary>
internal sealed partial class OrderConsumer(
    PaymentRecords payments, StripePayments provider, IEventBridgeClient eventBridge, ResourceNames names, ILogger<OrderConsumer> logger)
    : IEventQueueConsumer<OrderEvent>
{
    /// <summary>Its settings: <c>Payment__Orders__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Payment:Orders";

    public static EventQueueDefinition Queue => ResourceDefinitions.PaymentOrderEvents;

    public static JsonTypeInfo<OrderEvent> EventType => OrderEventJsonContext.Default.OrderEvent;

    /// <summary>What Ordering publishes: an order's id, owner and time, its total as money, and a provider's payment method id.</summary>
    public static bool IsValid(OrderEvent order) =>
        Guid.TryParse(order.OrderId, out _)
        && PlainText.IsRequiredText(order.UserName, Limits.UserName)
        && CheckoutBasketEvent.IsValidTime(order.OrderDate)
        && Money.IsAmount(order.TotalPrice)
        && PaymentMethodId.IsValid(order.PaymentMethodId);

    public Task HandleAsync(OrderEvent order, string detailType, CancellationToken cancellationToken) => detailType switch
    {
        ResourceDefinitions.OrderStockReserved => AuthorizeAsync(order, cancellationToken),
        ResourceDefinitions.OrderCancelled => VoidAsync(order, cancellationToken),
        ResourceDefinitions.OrderShipped => CaptureAsync(order, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(detailType), detailType, "Not an event of the payment's queue."),
    };

    private async Task AuthorizeAsync(OrderEvent order, CancellationToken cancellationToken)
    {
        var cents = Money.ToCents(order.TotalPrice);
        var record = await payments.FindAsync(order.OrderId, cancellationToken);
        if (record is { Status: null, CancelRequested: true })
        {
            // Cancelled before the authorization began: nothing was asked of the provider, nothing is held.
            await payments.TryVoidUnbegunAsync(order, cents, cancellationToken);
        }
        else if (record?.Status is null or PaymentStatus.Pending)
        {
            if (record?.Status is null && !await payments.TryBeginAsync(order, cents, cancellationToken))
            {
                // Another delivery began it meanwhile: its outcome is answered, or (still pending) this event comes again.
                await AnswerAsync(order, cancellationToken);
                return;
            }

            // Pending: begun before, maybe charged before a crash; the same key makes the provider answer that charge again.
            var metadata = new Dictionary<string, string> { ["orderId"] = order.OrderId, ["userName"] = order.UserName };
            var authorization = await provider.AuthorizeAsync(order.OrderId, cents, order.PaymentMethodId, metadata, cancellationToken);
            var facts = new ProviderFacts(authorization.PaymentIntentId, authorization.Brand, authorization.Last4, authorization.DeclineCode);
            if (authorization.Declined)
            {
                await payments.TryMoveAsync(order, PaymentStatus.Declined, [PaymentStatus.Pending], facts, cancellationToken);
            }
            else if (!await payments.TryAuthorizeAsync(order, facts, cancellationToken)
                && await payments.FindAsync(order.OrderId, cancellationToken) is { Status: PaymentStatus.Pending, CancelRequested: true })
            {
                // The order was cancelled while the provider authorized: the money goes back at once.
                await provider.VoidAsync(order.OrderId, authorization.PaymentIntentId!, cancellationToken);
                await payments.TryMoveAsync(order, PaymentStatus.Voided, [PaymentStatus.Pending], facts, cancellationToken);
            }
        }

        await AnswerAsync(order, cancellationToken);
    }

    private async Task VoidAsync(OrderEvent order, CancellationToken cancellationToken)
    {
        var record = await payments.RequestCancelAsync(order, cancellationToken);
        switch (record.Status)
        {
            case PaymentStatus.Authorized:
                await provider.VoidAsync(order.OrderId, record.PaymentIntentId!, cancellationToken);
                await payments.TryMoveAsync(order, PaymentStatus.Voided, [PaymentStatus.Authorized], new ProviderFacts(), cancellationToken);
                await AnswerAsync(order, cancellationToken);
                break;
            case PaymentStatus.Voided:
                await AnswerAsync(order, cancellationToken);
                break;
            default:
                // Pending or not begun: the authorizer sees the flag. Declined: nothing is held. Captured: the order shipped.
                LogNothingToVoid(logger, order.OrderId, record.Status?.ToString() ?? "not begun");
                break;
        }
    }

    private async Task CaptureAsync(OrderEvent order, CancellationToken cancellationToken)
    {
        var record = await payments.FindAsync(order.OrderId, cancellationToken);
        if (record is { Status: PaymentStatus.Authorized or PaymentStatus.CaptureFailed, PaymentIntentId: { } intent })
        {
            var capture = await provider.CaptureAsync(order.OrderId, intent, cancellationToken);
            if (capture.Captured)
            {
                await payments.TryMoveAsync(order, PaymentStatus.Captured, [PaymentStatus.Authorized, PaymentStatus.CaptureFailed], new ProviderFacts(), cancellationToken);
            }
            else
            {
                LogCaptureFailed(logger, order.OrderId, intent, capture.FailureCode);
                await payments.TryMoveAsync(order, PaymentStatus.CaptureFailed, [PaymentStatus.Authorized], new ProviderFacts(), cancellationToken);
            }
        }
        else if (record?.Status != PaymentStatus.Captured)
        {
            LogNothingToCapture(logger, order.OrderId, record?.Status?.ToString() ?? "not begun");
            return;
        }

        await AnswerAsync(order, cancellationToken);
    }

    /// <summary>Publishes what the record says now, once it is settled; a step still pending elsewhere makes the event come again.</summary>
    private async Task AnswerAsync(OrderEvent order, CancellationToken cancellationToken)
    {
        var record = await payments.FindAsync(order.OrderId, cancellationToken);
        var detailType = record?.Status switch
        {
            PaymentStatus.Authorized => ResourceDefinitions.PaymentAuthorized,
            PaymentStatus.Declined => ResourceDefinitions.PaymentDeclined,
            PaymentStatus.Captured => ResourceDefinitions.PaymentCaptured,
            PaymentStatus.CaptureFailed => ResourceDefinitions.PaymentCaptureFailed,
            PaymentStatus.Voided => ResourceDefinitions.PaymentVoided,
            _ => throw new InvalidOperationException($"The payment of order {order.OrderId} is still pending: another delivery is authorizing it."),
        };
        var answer = new OrderStepEvent(order.OrderId, order.UserName, order.OrderDate, record!.PaymentIntentId, record.Brand, record.Last4, record.DeclineCode);
        var result = await eventBridge.PutEventsAsync(
            [new EventEntry(
                names[ResourceDefinitions.EventBus],
                ResourceDefinitions.PaymentEventSource,
                detailType,
                JsonSerializer.Serialize(answer, OrderEventJsonContext.Default.OrderStepEvent),
                TraceHeader: TraceContext.ToTraceHeader(Activity.Current))],
            cancellationToken);
        if (result.FailedEntryCount > 0)
        {
            // The record is written: the event comes again, finds it settled, and publishes this answer again.
            throw new EventBridgeException($"{detailType} of order {order.OrderId} was not published: {result.Entries[0].ErrorCode}.");
        }

        LogAnswered(logger, order.OrderId, detailType);
    }

    [LoggerMessage(LogLevel.Information, "Order {OrderId}: {DetailType} published")]
    private static partial void LogAnswered(ILogger logger, string orderId, string detailType);

    [LoggerMessage(LogLevel.Information, "Order {OrderId} cancelled; its payment is {Status}: nothing to void")]
    private static partial void LogNothingToVoid(ILogger logger, string orderId, string status);

    [LoggerMessage(LogLevel.Warning, "Order {OrderId} shipped; its payment is {Status}: nothing to capture")]
    private static partial void LogNothingToCapture(ILogger logger, string orderId, string status);

    [LoggerMessage(LogLevel.Error, "Capture failed for order {OrderId}: the provider refused payment intent {PaymentIntentId} ({ErrorCode})")]
    private static partial void LogCaptureFailed(ILogger logger, string orderId, string paymentIntentId, string? errorCode);
}
