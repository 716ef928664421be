using Ecommerce.Contracts;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using static Ecommerce.Contracts.OrderStatus;
using static Ecommerce.Contracts.PaymentStatus;

namespace Ecommerce.Ordering;

/// <summary>
/// One guarded step of an order's life, written as one conditional UpdateItem: it applies only while the
/// order's status is one of <paramref name="From"/> and its payment's one of <paramref name="PaymentFrom"/>,
/// and then sets <paramref name="To"/> (with <paramref name="Reason"/>) and <paramref name="Payment"/>, each if given.
/// </summary>
internal sealed record Transition(
    string Trigger,
    IReadOnlyList<OrderStatus> From,
    IReadOnlyList<PaymentStatus> PaymentFrom,
    OrderStatus? To = null,
    CancelReason? Reason = null,
    PaymentChange? Payment = null)
{
    public bool AppliesTo(OrderStatus status, PaymentStatus payment) => From.Contains(status) && PaymentFrom.Contains(payment);
}

/// <summary>What a step records of the order's payment: its new status, and what the provider said (null: left as it is).</summary>
internal sealed record PaymentChange(
    PaymentStatus Status, string? PaymentIntentId = null, string? Brand = null, string? Last4 = null, string? DeclineCode = null);

/// <summary>
/// Every transition of an order, one method per trigger, as the design's table has them. A trigger with
/// two rows tries them in order and applies the first whose guard holds; none holding means the step is
/// already past or does not apply, and changes nothing.
/// </summary>
internal static class OrderTransitions
{
    private static readonly OrderStatus[] AnyStatus = Enum.GetValues<OrderStatus>();
    private static readonly PaymentStatus[] AnyPayment = Enum.GetValues<PaymentStatus>();

    public static Transition[] StockReserved() =>
        [new(ResourceDefinitions.StockReserved, [Submitted], AnyPayment, To: OrderStatus.StockReserved)];

    public static Transition[] StockRejected() =>
        [new(ResourceDefinitions.StockRejected, [Submitted], AnyPayment, To: Cancelled, Reason: CancelReason.OutOfStock)];

    /// <summary>
    /// Confirms a reserved order; an order no longer reserved only records the authorization (Payment voids it
    /// once the order is cancelled). The confirmation also holds for a payment already Authorized: an
    /// authorization that came before the stock's answer is confirmed by its redelivery.
    /// </summary>
    public static Transition[] PaymentAuthorized(OrderStepEvent step)
    {
        var authorized = new PaymentChange(Authorized, step.PaymentIntentId, step.Brand, step.Last4);
        return
        [
            new(ResourceDefinitions.PaymentAuthorized, [OrderStatus.StockReserved], [Pending, Authorized], To: Confirmed, Payment: authorized),
            new(ResourceDefinitions.PaymentAuthorized, AnyStatus, [Pending], Payment: authorized),
        ];
    }

    public static Transition[] PaymentDeclined(OrderStepEvent step) =>
    [
        new(ResourceDefinitions.PaymentDeclined, [OrderStatus.StockReserved], [Pending],
            To: Cancelled, Reason: CancelReason.PaymentDeclined, Payment: new PaymentChange(Declined, step.PaymentIntentId, DeclineCode: step.DeclineCode)),
    ];

    public static Transition[] PaymentVoided(OrderStepEvent step) =>
        [new(ResourceDefinitions.PaymentVoided, AnyStatus, [Pending, Authorized], Payment: new PaymentChange(Voided, step.PaymentIntentId))];

    public static Transition[] PaymentCaptured(OrderStepEvent step) =>
        [new(ResourceDefinitions.PaymentCaptured, AnyStatus, [Authorized, CaptureFailed], Payment: new PaymentChange(Captured, step.PaymentIntentId))];

    public static Transition[] PaymentCaptureFailed(OrderStepEvent step) =>
        [new(ResourceDefinitions.PaymentCaptureFailed, AnyStatus, [Authorized], Payment: new PaymentChange(CaptureFailed, step.PaymentIntentId))];

    /// <summary>A shopper's or an admin's cancel, named after the caller.</summary>
    public static Transition[] Cancel(bool byAdmin) =>
        [new("cancel", [Submitted, OrderStatus.StockReserved, Confirmed], AnyPayment, To: Cancelled, Reason: byAdmin ? CancelReason.ByAdmin : CancelReason.ByShopper)];

    public static Transition[] Ship() =>
        [new("ship", [Confirmed], AnyPayment, To: Shipped)];

    /// <summary>Not confirmed in time.</summary>
    public static Transition[] Expire() =>
        [new("expiry", [Submitted, OrderStatus.StockReserved], AnyPayment, To: Cancelled, Reason: CancelReason.Expired)];

    /// <summary>The transitions of one of Inventory's or Payment's answers, by its detail type.</summary>
    public static Transition[] OfStep(string detailType, OrderStepEvent step) => detailType switch
    {
        ResourceDefinitions.StockReserved => StockReserved(),
        ResourceDefinitions.StockRejected => StockRejected(),
        ResourceDefinitions.PaymentAuthorized => PaymentAuthorized(step),
        ResourceDefinitions.PaymentDeclined => PaymentDeclined(step),
        ResourceDefinitions.PaymentVoided => PaymentVoided(step),
        ResourceDefinitions.PaymentCaptured => PaymentCaptured(step),
        ResourceDefinitions.PaymentCaptureFailed => PaymentCaptureFailed(step),
        _ => throw new ArgumentOutOfRangeException(nameof(detailType), detailType, "Not an answer of Inventory or Payment."),
    };
}
