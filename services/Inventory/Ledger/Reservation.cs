namespace Ecommerce.Inventory.Ledger;

/// <summary>
/// Where an order's reservation is. <c>Reserving</c>, <c>Rejecting</c>, <c>Releasing</c> and <c>Taking</c> are on their way,
/// chunk by chunk; the others are where it rests. <c>Released</c> without lines is the tombstone of an order cancelled
/// before its submission was handled.
/// </summary>
internal enum ReservationStatus
{
    Reserving,
    Reserved,
    Rejecting,
    Rejected,
    Releasing,
    Released,
    Taking,
    Taken,
}

/// <summary>
/// The guard of an order's stock (table <c>inventory-reservation</c>, one per order): its lines as reserved, and how
/// many chunks of them the step under way has done (reserving counts up, rejecting, releasing and taking count down).
/// </summary>
internal sealed record Reservation(
    string OrderId,
    ReservationStatus Status,
    int ChunksDone,
    IReadOnlyList<ReservedLine> Lines,
    string UserName,
    string OrderDate)
{
    public int Chunks => ReservationLines.ChunkCount(Lines.Count);
}

/// <summary>How a change of the stock items under a reservation's lines is written, e.g. releasing a line.</summary>
internal sealed record LineChange(string Update, string Condition, IReadOnlyList<string> Attributes, bool ChecksSold = false)
{
    /// <summary>Holds the units for the order, only when that many are available and the product is still sold.</summary>
    public static readonly LineChange Reserve = new(
        "SET #available = #available - :q, #reserved = #reserved + :q, #version = #version + :one",
        "attribute_exists(#productId) AND #deleted <> :true AND #available >= :q",
        [StockItem.ProductId, StockItem.Deleted, StockItem.Available, StockItem.Reserved, StockItem.Version],
        ChecksSold: true);

    /// <summary>Gives the units back to what is available.</summary>
    public static readonly LineChange Release = new(
        "SET #available = #available + :q, #reserved = #reserved - :q, #version = #version + :one",
        "#reserved >= :q",
        [StockItem.Available, StockItem.Reserved, StockItem.Version]);

    /// <summary>The units leave with the shipment: off the shelf and out of the reservation, counted as shipped since the last count.</summary>
    public static readonly LineChange Take = new(
        "SET #onHand = #onHand - :q, #reserved = #reserved - :q, #takenSinceSet = #takenSinceSet + :q, #version = #version + :one",
        "#reserved >= :q",
        [StockItem.OnHand, StockItem.Reserved, StockItem.TakenSinceSet, StockItem.Version]);
}
