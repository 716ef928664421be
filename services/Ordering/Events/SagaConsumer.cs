using System.Text.Json.Serialization.Metadata;
using Ecommerce.Contracts;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Ordering.Events;

/// <summary>
/// Moves an order on by Inventory's and Payment's answers (<see cref="OrderTransitions"/>): each answer one guarded
/// write, so an answer delivered twice, late or out of order changes nothing it should not.
/// </summary>
internal sealed partial class SagaConsumer(OrderRepository orders, ILogger<SagaConsumer> logger) : IEventQueueConsumer<OrderStepEvent>
{
    /// <summary>The longest id or code of the provider's kept on an order.</summary>
    private const int ProviderText = 255;

    /// <summary>Its settings: <c>Ordering__Saga__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Ordering:Saga";

    public static EventQueueDefinition Queue => ResourceDefinitions.OrderSagaEvents;

    public static JsonTypeInfo<OrderStepEvent> EventType => OrderEventJsonContext.Default.OrderStepEvent;

    public static bool IsValid(OrderStepEvent step) =>
        OrderKeys.IsValid(step.OrderId, step.UserName, step.OrderDate)
        && PlainText.IsOptionalText(step.PaymentIntentId, ProviderText)
        && PlainText.IsOptionalText(step.Brand, ProviderText)
        && (step.Last4 is null || (step.Last4 is { Length: 4 } last4 && last4.All(char.IsAsciiDigit)))
        && PlainText.IsOptionalText(step.DeclineCode, ProviderText);

    public async Task HandleAsync(OrderStepEvent step, string detailType, CancellationToken cancellationToken)
    {
        var applied = await orders.ApplyAsync(
            new OrderKey(step.UserName, step.OrderDate), step.OrderId, OrderTransitions.OfStep(detailType, step), cancellationToken);
        if (applied is not null && detailType == ResourceDefinitions.PaymentCaptureFailed)
        {
            LogCaptureFailed(logger, step.OrderId, step.PaymentIntentId);
        }
    }

    /// <summary>The line the capture-failure alarm's metric filter counts (this category, event id 300).</summary>
    [LoggerMessage(EventId = 300, EventName = "PaymentCaptureFailed", Level = LogLevel.Error,
        Message = "Order {OrderId} shipped but its payment {PaymentIntentId} could not be captured; reconcile it with the provider")]
    private static partial void LogCaptureFailed(ILogger logger, string orderId, string? paymentIntentId);
}
