using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Ecommerce.Bench;

/// <summary>What the figures were measured on.</summary>
internal sealed record Machine(int Cores, string CpuModel, long MemoryKiB, string OperatingSystem, string Kernel, string Runtime, string Sdk, string Node, string Java)
{
    public static async Task<Machine> DescribeAsync()
    {
        var cpuinfo = File.ReadAllLines("/proc/cpuinfo");
        var model = cpuinfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var os = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? RuntimeInformation.OSDescription;
        return new Machine(
            Environment.ProcessorCount,
            model,
            long.Parse(memory["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture),
            os,
            File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            RuntimeInformation.FrameworkDescription,
            await OutputOfAsync("dotnet", "--version"),
            await OutputOfAsync("node", "--version"),
            await OutputOfAsync("java", "-version"));
    }

    private static async Task<string> OutputOfAsync(string fileName, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(fileName, argument) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            // java -version writes to standard error; its first line names the version.
            var text = (await output).Trim() is { Length: > 0 } stdout ? stdout : (await error).Trim();
            return text.Split('\n')[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine shows here.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Waits, up to <paramref name="patience"/>, until the 1-minute load average falls below <paramref name="below"/>.</summary>
    public static async Task<bool> WaitForQuietAsync(double below, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (OneMinuteLoad() >= below)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        return true;
    }

    private static double OneMinuteLoad() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
