using Ecommerce.Shared.Events;

namespace Ecommerce.Inventory.Ledger;

/// <summary>What Inventory answers Ordering about an order's stock.</summary>
internal enum StockAnswer
{
    Reserved,
    Rejected,
}

/// <summary>
/// The stock of an order's life: reserved all or nothing when it is submitted, released when it is cancelled, taken
/// when it ships. Each method reads the order's reservation, does the one step its state calls for (a transaction
/// guarded by that state, see <see cref="Reservations"/>), and reads again until the order's step is finished. However
/// many workers run the same event, redelivered or at once, each step is written at most once, and a worker that
/// finds a step done goes on from there.
/// </summary>
internal sealed partial class StockLedger(Reservations reservations, ILogger<StockLedger> logger)
{
    /// <summary>
    /// Reserves every line of the order or none: chunk after chunk, and when a line cannot be had, the chunks done are
    /// released again, last first. The answer to publish, or null when the order was cancelled before it was reserved.
    /// </summary>
    public async Task<StockAnswer?> ReserveAsync(OrderEvent order, CancellationToken cancellationToken)
    {
        while (true)
        {
            var reservation = await reservations.GetAsync(order.OrderId, cancellationToken);
            switch (reservation?.Status)
            {
                case null:
                    var first = new Reservation(order.OrderId, ReservationStatus.Reserving, 0, ReservationLines.Of(order.Items), order.UserName, order.OrderDate);
                    if (await reservations.ReserveChunkAsync(first, cancellationToken) == StepOutcome.LineRefused)
                    {
                        // Nothing is held yet: the order is rejected at once.
                        await reservations.TryCreateAsync(first with { Status = ReservationStatus.Rejected }, cancellationToken);
                    }

                    break;
                case ReservationStatus.Reserving:
                    if (await reservations.ReserveChunkAsync(reservation, cancellationToken) == StepOutcome.LineRefused)
                    {
                        await reservations.TryMoveAsync(reservation, ReservationStatus.Rejecting, cancellationToken);
                    }

                    break;
                case ReservationStatus.Rejecting:
                    await UndoChunkAsync(reservation, LineChange.Release, ReservationStatus.Rejected, cancellationToken);
                    break;
                case ReservationStatus.Reserved:
                    LogStep(logger, order.OrderId, "reserve", "reserved");
                    return StockAnswer.Reserved;
                case ReservationStatus.Rejected:
                    LogStep(logger, order.OrderId, "reserve", "rejected");
                    return StockAnswer.Rejected;
                default:
                    LogStep(logger, order.OrderId, "reserve", $"nothing to do, the reservation is {reservation.Status}");
                    return null;
            }
        }
    }

    /// <summary>
    /// Gives a cancelled order's units back. An order not seen yet gets a tombstone, so that its submission, should it
    /// come later, reserves nothing.
    /// </summary>
    public Task ReleaseAsync(OrderEvent order, CancellationToken cancellationToken) =>
        EndAsync(order, "release", ReservationStatus.Releasing, LineChange.Release, ReservationStatus.Released, cancellationToken);

    /// <summary>Takes a shipped order's units off the shelf.</summary>
    public Task TakeAsync(OrderEvent order, CancellationToken cancellationToken) =>
        EndAsync(order, "take", ReservationStatus.Taking, LineChange.Take, ReservationStatus.Taken, cancellationToken);

    /// <summary>Ends a reservation that is <c>Reserved</c>: to <paramref name="during"/>, chunk by chunk, last first, to <paramref name="final"/>.</summary>
    private async Task EndAsync(
        OrderEvent order, string step, ReservationStatus during, LineChange change, ReservationStatus final, CancellationToken cancellationToken)
    {
        while (true)
        {
            var reservation = await reservations.GetAsync(order.OrderId, cancellationToken);
            switch (reservation?.Status)
            {
                case null when final == ReservationStatus.Released:
                    var tombstone = new Reservation(order.OrderId, ReservationStatus.Released, 0, [], order.UserName, order.OrderDate);
                    if (await reservations.TryCreateAsync(tombstone, cancellationToken))
                    {
                        LogStep(logger, order.OrderId, step, "nothing reserved yet, tombstone written");
                        return;
                    }

                    break;
                case ReservationStatus.Reserving or ReservationStatus.Rejecting:
                    // Another worker is reserving or rejecting right now; once it is done, the message comes again.
                    throw new ReservationInProgressException(order.OrderId, reservation.Status);
                case ReservationStatus.Reserved:
                    await reservations.TryMoveAsync(reservation, during, cancellationToken);
                    break;
                case var status when status == during:
                    await UndoChunkAsync(reservation!, change, final, cancellationToken);
                    break;
                default:
                    LogStep(logger, order.OrderId, step, reservation is null ? "nothing reserved" : $"done, the reservation is {reservation.Status}");
                    return;
            }
        }
    }

    private async Task UndoChunkAsync(Reservation reservation, LineChange change, ReservationStatus final, CancellationToken cancellationToken)
    {
        if (await reservations.UndoChunkAsync(reservation, change, final, cancellationToken) == StepOutcome.LineRefused)
        {
            // Units this reservation holds are not reserved in the stock: the ledger is broken, and the message goes to the DLQ.
            throw new InvalidOperationException($"The stock does not hold what order {reservation.OrderId} reserved.");
        }
    }

    [LoggerMessage(LogLevel.Information, "Order {OrderId} {Step}: {Outcome}")]
    private static partial void LogStep(ILogger logger, string orderId, string step, string outcome);
}

/// <summary>An order's reservation is being made or rejected by another worker; its release or take waits for that.</summary>
internal sealed class ReservationInProgressException(string orderId, ReservationStatus status)
    : Exception($"The reservation of order {orderId} is {status}; the step waits for it.");
