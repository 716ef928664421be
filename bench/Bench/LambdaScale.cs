namespace Ecommerce.Bench;

/// <summary>The cold starts of one run held to Lambda's CPU shares, or why none could be held.</summary>
internal sealed record ScaleResult(string Controller, string? Skipped, List<ColdResult> Cold)
{
    public ColdResult? Of(string service, Build build, int memoryMb, bool initAtFullCpu) => Cold.FirstOrDefault(c =>
        c.Target.Service == service && c.Target.Build == build && c.Target.Hold is { } hold
        && hold.MemoryMb == memoryMb && hold.InitAtFullCpu == initAtFullCpu && c.Runs.Count > 0);
}

/// <summary>
/// Cold starts on Lambda's scale: each program started inside a control group that holds it to the CPU
/// share of a function of each memory size, in both of the ways Lambda may hold it (see <see cref="CpuHold"/>).
/// </summary>
internal static class LambdaScale
{
    /// <summary>The memory sizes measured: the CDK default and the steps up to one whole vCPU.</summary>
    public static readonly int[] Memories = [256, 512, 1024, 1769];

    /// <summary>The two holds, as <see cref="CpuHold.InitAtFullCpu"/>: held from exec, then init at a whole vCPU.</summary>
    public static readonly bool[] Holds = [false, true];

    public static async Task<ScaleResult> MeasureAsync(Stack stack, IReadOnlyList<ColdTarget> programs, int starts)
    {
        var controller = CpuQuota.Describe();
        try
        {
            stack.QuotaFor(Memories[0]);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"bench: cold starts on Lambda's scale skipped: {e.Message}");
            return new ScaleResult(controller, e.Message, []);
        }

        var targets = (from initAtFullCpu in Holds
                       from memory in Memories
                       from program in programs
                       select program with { Hold = new CpuHold(memory, initAtFullCpu) }).ToList();
        return new ScaleResult(controller, null, await ColdStart.MeasureAsync(stack, targets, starts));
    }
}
