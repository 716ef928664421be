using Ecommerce.Contracts;
using Ecommerce.Inventory.Ledger;

namespace Ecommerce.Reconciler;

/// <summary>An order as Ordering's table holds it, in what the invariants read.</summary>
internal sealed record OrderRow(
    string OrderId,
    string UserName,
    OrderStatus Status,
    decimal TotalPrice,
    IReadOnlyList<LineItem> Items,
    PaymentStatus PaymentStatus,
    string? PaymentIntentId,
    DateTimeOffset UpdatedAt)
{
    public override string ToString() => $"order {OrderId} ({UserName}, {Status})";
}

/// <summary>A stock record as Inventory's table holds it: the counts, and the admin's last count with what shipped since.</summary>
internal sealed record StockRow(string ProductId, int OnHand, int Reserved, int Available, int LastSet, int TakenSinceSet);

/// <summary>A reservation as Inventory's table holds it: its lines, and how many chunks of them the step under way has done.</summary>
internal sealed record ReservationRow(string OrderId, string Status, int ChunksDone, IReadOnlyList<ReservedLine> Lines, DateTimeOffset UpdatedAt)
{
    /// <summary>The statuses in which the chunks done hold their units: reserving counts up, rejecting, releasing and taking count down.</summary>
    private static readonly string[] Holding = ["Reserving", "Reserved", "Rejecting", "Releasing", "Taking"];

    /// <summary>The units this reservation holds at this moment, product by product.</summary>
    public IEnumerable<ReservedLine> Held =>
        Holding.Contains(Status) ? Enumerable.Range(0, ChunksDone).SelectMany(chunk => ReservationLines.Chunk(Lines, chunk)) : [];

    /// <summary>At rest: not part-way through a step.</summary>
    public bool Settled => Status is "Reserved" or "Rejected" or "Released" or "Taken";
}

/// <summary>Payment's record of an order's money.</summary>
internal sealed record PaymentRow(string OrderId, string? Status, string? PaymentIntentId, DateTimeOffset UpdatedAt);

/// <summary>A payment intent at the provider, in what the invariants read.</summary>
internal sealed record IntentRow(string Id, string Status, long Amount, long AmountReceived, string? OrderId, DateTimeOffset Created)
{
    public const string Authorized = "requires_capture";
    public const string Captured = "succeeded";

    /// <summary>Money held or taken: an authorization not voided, or a capture.</summary>
    public bool HoldsMoney => Status is Authorized or Captured;

    public override string ToString() => $"{Id} ({Status}, {Amount} cents)";
}

/// <summary>Everything the reconciler read, at the moment it read it.</summary>
internal sealed record ShopSnapshot(
    IReadOnlyList<OrderRow> Orders,
    IReadOnlyList<StockRow> Stock,
    IReadOnlyList<ReservationRow> Reservations,
    IReadOnlyList<PaymentRow> Payments,
    IReadOnlyList<IntentRow> Intents,
    DateTimeOffset ReadAt);
