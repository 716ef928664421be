using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Ordering.Events;

/// <summary>Turns each checkout event into a Submitted order, saved once however often the event comes.</summary>
internal sealed partial class CheckoutConsumer(OrderRepository orders, TimeProvider clock, ILogger<CheckoutConsumer> logger)
    : IEventQueueConsumer<CheckoutBasketEvent>
{
    /// <summary>Its settings: <c>Ordering__Consumer__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Ordering:Consumer";

    public static EventQueueDefinition Queue => ResourceDefinitions.CheckoutEvents;

    public static JsonTypeInfo<CheckoutBasketEvent> EventType => CheckoutEventJsonContext.Default.CheckoutBasketEvent;

    public static bool IsValid(CheckoutBasketEvent received) => CheckoutEventRules.IsValid(received);

    public async Task HandleAsync(CheckoutBasketEvent checkout, string detailType, CancellationToken cancellationToken)
    {
        // The span that processes the checkout continues its trace; the order's events carry it on from the table.
        var order = Orders.From(checkout, TraceContext.ToTraceHeader(Activity.Current), clock.GetUtcNow());
        SaveOutcome outcome;
        using (TraceContext.Source.StartActivity("save order"))
        {
            outcome = await orders.SaveOnceAsync(order, cancellationToken);
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
    }

    [LoggerMessage(LogLevel.Information, "Order {OrderId}: {Outcome}")]
    private static partial void LogSaved(ILogger logger, string orderId, SaveOutcome outcome);

    [LoggerMessage(LogLevel.Warning, "Checkout {CheckoutId} of {UserName} at {OrderDate} collides with an earlier order at that instant; the earlier one stands")]
    private static partial void LogKeyTaken(ILogger logger, string checkoutId, string userName, string orderDate);
}
