using System.Globalization;

namespace Ecommerce.Bench;

/// <summary>A sample of measurements, sorted once: percentiles by nearest rank.</summary>
internal sealed class Sample
{
    private readonly double[] _sorted;

    public Sample(IEnumerable<double> values)
    {
        _sorted = [.. values];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double Min => Count == 0 ? double.NaN : _sorted[0];

    public double Max => Count == 0 ? double.NaN : _sorted[^1];

    public double Median => Percentile(50);

    public double Percentile(double p)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * Count);
        return _sorted[Math.Clamp(rank - 1, 0, Count - 1)];
    }
}

/// <summary>How numbers are printed in RESULTS.md.</summary>
internal static class Format
{
    public static string Ms(double value) => double.IsNaN(value) ? "–" : value >= 100
        ? value.ToString("F0", CultureInfo.InvariantCulture)
        : value >= 10 ? value.ToString("F1", CultureInfo.InvariantCulture) : value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "F0") => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string MiB(long kib) => (kib / 1024.0).ToString("F1", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture) + "×";

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
