using Ecommerce.Contracts;

namespace Ecommerce.Inventory.Ledger;

/// <summary>What a reservation holds of one product: the order's units of it, all lines of that product together.</summary>
internal sealed record ReservedLine(string ProductId, int Quantity);

/// <summary>
/// The arithmetic of a reservation: an order's lines, one per product, in a fixed order, cut into chunks that each fit
/// one DynamoDB transaction beside the reservation record that guards it.
/// </summary>
internal static class ReservationLines
{
    /// <summary>DynamoDB's TransactWriteItems takes at most 100 actions: the guard and 99 lines.</summary>
    public const int LinesPerChunk = 99;

    /// <summary>
    /// One line per product with the units of all its lines (a product in two colours is one line), sorted by product id:
    /// every worker cuts the same chunks from the same order.
    /// </summary>
    public static IReadOnlyList<ReservedLine> Of(IEnumerable<LineItem> items) =>
        [.. items
            .GroupBy(item => item.ProductId, StringComparer.Ordinal)
            .Select(product => new ReservedLine(product.Key, product.Sum(item => item.Quantity)))
            .OrderBy(line => line.ProductId, StringComparer.Ordinal)];

    /// <summary>How many transactions the lines take.</summary>
    public static int ChunkCount(int lines) => (lines + LinesPerChunk - 1) / LinesPerChunk;

    /// <summary>The lines of chunk <paramref name="index"/> (0-based).</summary>
    public static IReadOnlyList<ReservedLine> Chunk(IReadOnlyList<ReservedLine> lines, int index) =>
        index >= 0 && index < ChunkCount(lines.Count)
            ? [.. lines.Skip(index * LinesPerChunk).Take(LinesPerChunk)]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The lines make {ChunkCount(lines.Count)} chunks.");
}
