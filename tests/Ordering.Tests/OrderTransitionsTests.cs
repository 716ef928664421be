using Ecommerce.Contracts;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using static Ecommerce.Contracts.OrderStatus;
using static Ecommerce.Contracts.PaymentStatus;

namespace Ecommerce.Ordering.Tests;

/// <summary>The design's table of an order's transitions, row by row, on the rules alone.</summary>
public sealed class OrderTransitionsTests
{
    private static readonly OrderStepEvent Step = new(Guid.NewGuid().ToString(), "ada", "2026-11-25T12:00:00.000Z", "pi_1", "visa", "4242", "card_declined");

    /// <summary>Where the first row whose guard holds takes the order; null when none holds (nothing changes).</summary>
    private static (OrderStatus Status, CancelReason? Reason, PaymentStatus Payment)? After(Transition[] rows, OrderStatus status, PaymentStatus payment) =>
        rows.FirstOrDefault(row => row.AppliesTo(status, payment)) is { } row
            ? (row.To ?? status, row.To is null ? null : row.Reason, row.Payment?.Status ?? payment)
            : null;

    /// <summary>Where a step that applies takes the order, or null (unchanged) when it does not.</summary>
    private static (OrderStatus Status, CancelReason? Reason, PaymentStatus Payment)? Where(bool applies, OrderStatus status, CancelReason? reason, PaymentStatus payment) =>
        applies ? (status, reason, payment) : null;

    public static TheoryData<string, OrderStatus, PaymentStatus, OrderStatus, CancelReason?, PaymentStatus> Applied() => new()
    {
        { ResourceDefinitions.StockReserved, Submitted, Pending, StockReserved, null, Pending },
        { ResourceDefinitions.StockRejected, Submitted, Pending, Cancelled, CancelReason.OutOfStock, Pending },
        { ResourceDefinitions.PaymentAuthorized, StockReserved, Pending, Confirmed, null, Authorized },
        { ResourceDefinitions.PaymentAuthorized, StockReserved, Authorized, Confirmed, null, Authorized },
        { ResourceDefinitions.PaymentAuthorized, Submitted, Pending, Submitted, null, Authorized },
        { ResourceDefinitions.PaymentAuthorized, Cancelled, Pending, Cancelled, null, Authorized },
        { ResourceDefinitions.PaymentDeclined, StockReserved, Pending, Cancelled, CancelReason.PaymentDeclined, Declined },
        { ResourceDefinitions.PaymentVoided, Cancelled, Pending, Cancelled, null, Voided },
        { ResourceDefinitions.PaymentVoided, Cancelled, Authorized, Cancelled, null, Voided },
        { ResourceDefinitions.PaymentCaptured, Shipped, Authorized, Shipped, null, Captured },
        { ResourceDefinitions.PaymentCaptured, Shipped, CaptureFailed, Shipped, null, Captured },
        { ResourceDefinitions.PaymentCaptureFailed, Shipped, Authorized, Shipped, null, CaptureFailed },
    };

    [Theory]
    [MemberData(nameof(Applied))]
    public void An_answer_moves_an_order_where_its_guard_holds(
        string answer, OrderStatus status, PaymentStatus payment, OrderStatus expectedStatus, CancelReason? expectedReason, PaymentStatus expectedPayment)
    {
        Assert.Equal((expectedStatus, expectedReason, expectedPayment), After(OrderTransitions.OfStep(answer, Step), status, payment));
    }

    public static TheoryData<string, OrderStatus, PaymentStatus> Refused() => new()
    {
        { ResourceDefinitions.StockReserved, StockReserved, Pending },
        { ResourceDefinitions.StockReserved, Cancelled, Pending },
        { ResourceDefinitions.StockReserved, Confirmed, Authorized },
        { ResourceDefinitions.StockRejected, StockReserved, Pending },
        { ResourceDefinitions.StockRejected, Cancelled, Voided },
        { ResourceDefinitions.PaymentAuthorized, Confirmed, Authorized },
        { ResourceDefinitions.PaymentAuthorized, StockReserved, Voided },
        { ResourceDefinitions.PaymentAuthorized, Cancelled, Voided },
        { ResourceDefinitions.PaymentAuthorized, Shipped, Captured },
        { ResourceDefinitions.PaymentDeclined, Submitted, Pending },
        { ResourceDefinitions.PaymentDeclined, Confirmed, Authorized },
        { ResourceDefinitions.PaymentDeclined, Cancelled, Declined },
        { ResourceDefinitions.PaymentVoided, Cancelled, Voided },
        { ResourceDefinitions.PaymentVoided, Shipped, Captured },
        { ResourceDefinitions.PaymentVoided, Cancelled, Declined },
        { ResourceDefinitions.PaymentCaptured, Shipped, Captured },
        { ResourceDefinitions.PaymentCaptured, Cancelled, Voided },
        { ResourceDefinitions.PaymentCaptured, Confirmed, Pending },
        { ResourceDefinitions.PaymentCaptureFailed, Shipped, CaptureFailed },
        { ResourceDefinitions.PaymentCaptureFailed, Shipped, Captured },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_answer_for_a_step_past_or_out_of_place_changes_nothing(string answer, OrderStatus status, PaymentStatus payment)
    {
        Assert.Null(After(OrderTransitions.OfStep(answer, Step), status, payment));
    }

    [Theory]
    [InlineData(Submitted, true)]
    [InlineData(StockReserved, true)]
    [InlineData(Confirmed, true)]
    [InlineData(Shipped, false)]
    [InlineData(Cancelled, false)]
    public void A_cancel_applies_until_the_order_ships_or_is_cancelled_and_names_the_caller(OrderStatus status, bool applies)
    {
        var byShopper = After(OrderTransitions.Cancel(byAdmin: false), status, Pending);
        var byAdmin = After(OrderTransitions.Cancel(byAdmin: true), status, Pending);

        Assert.Equal(Where(applies, Cancelled, CancelReason.ByShopper, Pending), byShopper);
        Assert.Equal(Where(applies, Cancelled, CancelReason.ByAdmin, Pending), byAdmin);
    }

    [Theory]
    [InlineData(Submitted, false)]
    [InlineData(StockReserved, false)]
    [InlineData(Confirmed, true)]
    [InlineData(Shipped, false)]
    [InlineData(Cancelled, false)]
    public void Only_a_confirmed_order_ships(OrderStatus status, bool applies)
    {
        Assert.Equal(Where(applies, Shipped, null, Authorized), After(OrderTransitions.Ship(), status, Authorized));
    }

    [Theory]
    [InlineData(Submitted, true)]
    [InlineData(StockReserved, true)]
    [InlineData(Confirmed, false)]
    [InlineData(Shipped, false)]
    [InlineData(Cancelled, false)]
    public void Expiry_cancels_only_an_order_not_yet_confirmed(OrderStatus status, bool applies)
    {
        Assert.Equal(Where(applies, Cancelled, CancelReason.Expired, Pending), After(OrderTransitions.Expire(), status, Pending));
    }

    [Fact]
    public void An_authorization_records_what_the_provider_said_and_a_decline_its_code()
    {
        var authorized = OrderTransitions.PaymentAuthorized(Step)[0].Payment;
        var declined = OrderTransitions.PaymentDeclined(Step)[0].Payment;

        Assert.Equal(new PaymentChange(Authorized, "pi_1", "visa", "4242"), authorized);
        Assert.Equal(new PaymentChange(Declined, "pi_1", DeclineCode: "card_declined"), declined);
    }

    [Fact]
    public void Every_answer_the_saga_queue_carries_has_its_transitions()
    {
        Assert.All(ResourceDefinitions.OrderSagaEvents.EventDetailTypes, detailType => Assert.NotEmpty(OrderTransitions.OfStep(detailType, Step)));
    }
}
