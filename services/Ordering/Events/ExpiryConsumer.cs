using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Ordering.Events;

/// <summary>
/// Cancels as Expired an order not Confirmed in time. Its queue holds every OrderSubmitted event for
/// <c>Ordering:Expiry:AfterSeconds</c> (SQS's delivery delay, locally and in AWS alike); an event that comes
/// early all the same is left for redelivery.
/// </summary>
internal sealed partial class ExpiryConsumer(OrderRepository orders, IConfiguration configuration, TimeProvider clock, ILogger<ExpiryConsumer> logger)
    : IEventQueueConsumer<OrderEvent>
{
    /// <summary>SQS's longest delivery delay, and the contract's default time to confirm an order.</summary>
    private const int MaxAfterSeconds = 900;

    private readonly TimeSpan _after = TimeSpan.FromSeconds(QueueDelaySeconds(configuration));

    /// <summary>Its settings: <c>Ordering__Expiry__AfterSeconds</c>, <c>Ordering__Expiry__Mode</c> and the rest of <see cref="ConsumerOptions"/>.</summary>
    public static string Section => "Ordering:Expiry";

    public static EventQueueDefinition Queue => ResourceDefinitions.OrderExpiryEvents;

    public static JsonTypeInfo<OrderEvent> EventType => OrderEventJsonContext.Default.OrderEvent;

    public static bool IsValid(OrderEvent submitted) => OrderKeys.IsValid(submitted.OrderId, submitted.UserName, submitted.OrderDate);

    /// <summary>How long an order has to be confirmed: <c>Ordering:Expiry:AfterSeconds</c>, 1 to 900, default 900.</summary>
    public static int QueueDelaySeconds(IConfiguration configuration)
    {
        var setting = configuration[$"{Section}:AfterSeconds"];
        if (setting is null)
        {
            return MaxAfterSeconds;
        }

        return int.TryParse(setting, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxAfterSeconds
            ? seconds
            : throw new InvalidOperationException($"{Section}:AfterSeconds must be a whole number of seconds from 1 to {MaxAfterSeconds}.");
    }

    public async Task HandleAsync(OrderEvent submitted, string detailType, CancellationToken cancellationToken)
    {
        var due = DateTimeOffset.Parse(submitted.OrderDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) + _after;
        if (clock.GetUtcNow() < due)
        {
            LogNotDue(logger, submitted.OrderId, due);
            throw new OrderNotDueException(submitted.OrderId);
        }

        await orders.ApplyAsync(new OrderKey(submitted.UserName, submitted.OrderDate), submitted.OrderId, OrderTransitions.Expire(), cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Order {OrderId} is not due to expire before {Due}; its event is left for redelivery")]
    private static partial void LogNotDue(ILogger logger, string orderId, DateTimeOffset due);
}

/// <summary>An order's expiry event came before its time (the queue's delay is shorter than the setting, or clocks differ).</summary>
internal sealed class OrderNotDueException(string orderId) : Exception($"Order {orderId} is not due to expire yet.");
