namespace Ecommerce.Bench;

/// <summary>What Lambda charges, and how a measured duration stretches at a memory size (see section 5 of RESULTS.md).</summary>
internal static class LambdaCost
{
    /// <summary>AWS Lambda, x86, us-east-1, as AWS documents them (see the note under the cost table).</summary>
    public const double PricePerGbSecond = 0.0000166667;
    public const double PricePerMillionRequests = 0.20;

    /// <summary>The memory sizes of the sizing table: the smallest Lambda allows, then those measured on Lambda's scale.</summary>
    public static readonly int[] SizingMemories = [128, .. LambdaScale.Memories];

    /// <summary>Dollars per million requests that each bill <paramref name="billedMs"/> at <paramref name="memoryMb"/>.</summary>
    public static double PerMillion(int memoryMb, double billedMs) =>
        (1_000_000 * (memoryMb / 1024.0) * (billedMs / 1000.0) * PricePerGbSecond) + PricePerMillionRequests;

    /// <summary>Dollars for a million durations of <paramref name="ms"/> at <paramref name="memoryMb"/>, without the request charge.</summary>
    public static double DurationPerMillion(int memoryMb, double ms) =>
        1_000_000 * (memoryMb / 1024.0) * (Math.Ceiling(ms) / 1000.0) * PricePerGbSecond;

    /// <summary>Warm duration at a memory size: the measured wait stays, the measured CPU work stretches by 1769 MB / memory.</summary>
    public static double EstimatedMs(LoadResult load, int memoryMb)
    {
        var cpu = Math.Min(load.CpuMsPerRequest, load.Latency.Median);
        return load.Latency.Median - cpu + (cpu * Math.Max(1, CpuHold.FullVcpuMb / memoryMb));
    }

    /// <summary>The estimated warm price of a request at <paramref name="memoryMb"/>, billed in whole milliseconds.</summary>
    public static double RequestsPerMillion(LoadResult load, int memoryMb) => PerMillion(memoryMb, Math.Ceiling(EstimatedMs(load, memoryMb)));
}
