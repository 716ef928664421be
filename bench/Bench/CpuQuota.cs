using System.Globalization;

namespace Ecommerce.Bench;

/// <summary>
/// A control group that holds the processes started in it to a share of one CPU, as Lambda holds a
/// function to memory/1769 MB of a vCPU: a CFS quota per 100 ms period (<c>cpu.cfs_quota_us</c> under
/// cgroup v1's cpu hierarchy, <c>cpu.max</c> under cgroup v2). Creating one needs root.
/// </summary>
internal sealed class CpuQuota : IDisposable
{
    /// <summary>The kernel's default CFS period, in microseconds.</summary>
    public const int PeriodMicroseconds = 100_000;

    private const string Root = "/sys/fs/cgroup";
    private const string GroupName = "ecommerce-bench";

    private readonly string _folder;
    private readonly bool _version2;

    private CpuQuota(string folder, bool version2)
    {
        _folder = folder;
        _version2 = version2;
    }

    /// <summary>The file a process writes its pid into to move itself into this group.</summary>
    public string ProcsFile => Path.Combine(_folder, "cgroup.procs");

    /// <summary>Which cgroup version holds the cpu controller, for the report: "v1", "v2" or why neither can be used.</summary>
    public static string Describe() =>
        File.Exists(Path.Combine(Root, "cpu", "cpu.cfs_quota_us")) ? "cgroup v1 (cpu.cfs_quota_us)"
        : HasVersion2Cpu() ? "cgroup v2 (cpu.max)"
        : "no cgroup cpu controller";

    /// <summary>A group named <paramref name="name"/>, or null with the reason when the machine does not allow one.</summary>
    public static CpuQuota? TryCreate(string name, out string? reason)
    {
        reason = null;
        try
        {
            if (File.Exists(Path.Combine(Root, "cpu", "cpu.cfs_quota_us")))
            {
                var folder = Path.Combine(Root, "cpu", GroupName, name);
                Directory.CreateDirectory(folder);
                return new CpuQuota(folder, version2: false);
            }

            if (HasVersion2Cpu())
            {
                // The root group may hold processes itself, so the cpu controller can be handed to its children.
                File.WriteAllText(Path.Combine(Root, "cgroup.subtree_control"), "+cpu");
                var folder = Path.Combine(Root, $"{GroupName}-{name}");
                Directory.CreateDirectory(folder);
                return new CpuQuota(folder, version2: true);
            }

            reason = "neither cgroup v1's cpu hierarchy nor a cgroup v2 cpu controller is mounted under /sys/fs/cgroup";
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            reason = $"a control group cannot be made ({e.GetType().Name}: {e.Message}); it needs root";
        }

        return null;
    }

    /// <summary>Holds the group to <paramref name="cpus"/> CPUs (1 = one whole CPU per period), from the next period on.</summary>
    public void Limit(double cpus)
    {
        var quota = Math.Max(1000, (int)Math.Round(cpus * PeriodMicroseconds));
        if (_version2)
        {
            File.WriteAllText(Path.Combine(_folder, "cpu.max"), Format.Invariant($"{quota} {PeriodMicroseconds}"));
        }
        else
        {
            File.WriteAllText(Path.Combine(_folder, "cpu.cfs_period_us"), PeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(_folder, "cpu.cfs_quota_us"), quota.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// How <paramref name="fileName"/> is started inside the group: a shell writes its own pid into the group,
    /// then execs the program, which keeps that pid, so the program is held from its first instruction.
    /// </summary>
    public (string FileName, IReadOnlyList<string> Arguments) Wrap(string fileName, IEnumerable<string> arguments) =>
        ("/bin/sh", ["-c", "echo $$ > \"$0\" && exec \"$@\"", ProcsFile, fileName, .. arguments]);

    /// <summary>Removes the group (its processes have ended) and, when it is the last, the folder holding it.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder);
            var parent = Path.GetDirectoryName(_folder)!;
            if (!_version2 && Path.GetFileName(parent) == GroupName && !Directory.EnumerateDirectories(parent).Any())
            {
                Directory.Delete(parent);
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"bench: could not remove the control group {_folder}: {e.Message}");
        }
    }

    private static bool HasVersion2Cpu()
    {
        var controllers = Path.Combine(Root, "cgroup.controllers");
        return File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', StringSplitOptions.TrimEntries).Contains("cpu");
    }
}
