using System.Diagnostics;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Ordering.Consumer;

/// <summary>
/// Turns a batch of SQS messages, each an EventBridge envelope around a checkout event, into orders.
/// It knows nothing of how the batch arrived (Lambda's <c>/events</c> or the local poller), and one
/// bad message never fails the others.
/// </summary>
public sealed partial class CheckoutConsumer(OrderRepository orders, ILogger<CheckoutConsumer> logger) : IBatchConsumer<SqsRecord>
{
    /// <summary>Its settings: <c>Ordering__Consumer__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public const string Section = "Ordering:Consumer";

    /// <summary>Its queue: OrderQueue, fed by the checkout rule, redriven to OrderQueueDLQ.</summary>
    public static readonly EventQueueDefinition Queue = ResourceDefinitions.CheckoutEvents;

    /// <summary>Saves an order for every good message; returns the ids of the messages to leave for redelivery.</summary>
    public async Task<IReadOnlyList<string>> ProcessAsync(IReadOnlyList<SqsRecord> records, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var record in records)
        {
            if (!await TryProcessAsync(record, cancellationToken))
            {
                failed.Add(record.MessageId);
            }
        }

        return failed;
    }

    private async Task<bool> TryProcessAsync(SqsRecord record, CancellationToken cancellationToken)
    {
        // A child of the checkout's publish, whose trace header EventBridge and SQS carried here.
        var publish = TraceContext.ParentFrom(record.Attributes?.GetValueOrDefault(SqsRecord.TraceHeaderAttribute));
        using var processing = TraceContext.Source.StartActivity("process CheckoutBasket", ActivityKind.Consumer, publish);
        processing?.SetTag("messaging.message.id", record.MessageId);
        if (Read(record.Body) is not { } checkout)
        {
            // The body is not logged: it may hold what a bad sender put there, card data included.
            LogRejected(logger, record.MessageId);
            return false;
        }

        try
        {
            SaveOutcome outcome;
            using (TraceContext.Source.StartActivity("save order"))
            {
                outcome = await orders.SaveOnceAsync(Orders.From(checkout), cancellationToken);
            }

            if (outcome == SaveOutcome.KeyTakenByAnotherOrder)
            {
                // Same user, same millisecond: a second checkout of one basket. The first order stands.
                LogKeyTaken(logger, checkout.CheckoutId, checkout.UserName, checkout.CheckedOutAt);
            }
            else
            {
                LogSaved(logger, checkout.CheckoutId, outcome);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSaveFailed(logger, record.MessageId, e.GetType().Name);
            return false;
        }
    }

    /// <summary>The checkout event in an EventBridge envelope, or null when the message is not a valid one.</summary>
    internal static CheckoutBasketEvent? Read(string? body) =>
        EventEnvelope.ReadDetail(body, CheckoutBasketEvent.Source, CheckoutBasketEvent.DetailType, CheckoutEventJsonContext.Default.CheckoutBasketEvent)
            is { } checkout && CheckoutEventRules.IsValid(checkout) ? checkout : null;

    [LoggerMessage(LogLevel.Information, "Order {OrderId}: {Outcome}")]
    private static partial void LogSaved(ILogger logger, string orderId, SaveOutcome outcome);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} is not a valid checkout event; left for redelivery and the dead-letter queue")]
    private static partial void LogRejected(ILogger logger, string messageId);

    [LoggerMessage(LogLevel.Warning, "Checkout {CheckoutId} of {UserName} at {OrderDate} collides with an earlier order at that instant; the earlier one stands")]
    private static partial void LogKeyTaken(ILogger logger, string checkoutId, string userName, string orderDate);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} not saved: {ExceptionType}; left for redelivery")]
    private static partial void LogSaveFailed(ILogger logger, string messageId, string exceptionType);
}
