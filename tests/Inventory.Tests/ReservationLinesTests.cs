using Ecommerce.Contracts;
using Ecommerce.Inventory.Ledger;

namespace Ecommerce.Inventory.Tests;

/// <summary>How an order's lines become a reservation's: one per product, sorted, in chunks of 99 that fit a transaction beside the guard.</summary>
public sealed class ReservationLinesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(98, 1)]
    [InlineData(99, 1)]
    [InlineData(100, 2)]
    [InlineData(198, 2)]
    [InlineData(199, 3)]
    public void Lines_take_one_transaction_per_99(int lines, int chunks) =>
        Assert.Equal(chunks, ReservationLines.ChunkCount(lines));

    [Fact]
    public void No_lines_take_no_transaction() => Assert.Equal(0, ReservationLines.ChunkCount(0));

    [Fact]
    public void Every_chunk_fits_a_transaction_with_its_guard() =>
        Assert.Equal(100, ReservationLines.LinesPerChunk + 1);

    [Fact]
    public void The_chunks_of_100_lines_are_the_first_99_and_the_last_one_in_order()
    {
        var lines = ReservationLines.Of(Enumerable.Range(0, 100).Select(i => Item($"p{i:D3}", 1)));

        var first = ReservationLines.Chunk(lines, 0);
        var second = ReservationLines.Chunk(lines, 1);

        Assert.Equal(99, first.Count);
        Assert.Equal("p000", first[0].ProductId);
        Assert.Equal("p098", first[^1].ProductId);
        Assert.Equal([new ReservedLine("p099", 1)], second);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void A_chunk_past_the_lines_does_not_exist(int index)
    {
        var lines = ReservationLines.Of(Enumerable.Range(0, 100).Select(i => Item($"p{i}", 1)));

        Assert.Throws<ArgumentOutOfRangeException>(() => ReservationLines.Chunk(lines, index));
    }

    [Fact]
    public void Lines_of_one_product_are_one_line_with_all_its_units()
    {
        var lines = ReservationLines.Of([Item("b", 2, "Red"), Item("a", 1), Item("b", 3, "Blue")]);

        Assert.Equal([new ReservedLine("a", 1), new ReservedLine("b", 5)], lines);
    }

    [Fact]
    public void Lines_are_sorted_by_product_id_ordinally_whatever_the_order_of_the_basket()
    {
        var lines = ReservationLines.Of([Item("b", 1), Item("B", 1), Item("a", 1), Item("A", 1), Item("ä", 1)]);

        Assert.Equal(["A", "B", "a", "b", "ä"], lines.Select(line => line.ProductId));
    }

    private static LineItem Item(string productId, int quantity, string? color = null) => new(productId, "Name", color, quantity, 1m);
}
