using System.Globalization;
using System.Runtime.InteropServices;

namespace AmiOrchestrator.Bench.Reporting;

/// <summary>What the run ran on, read when it starts: results only carry over between machines as ratios.</summary>
internal sealed record Machine(int Cores, long MemoryBytes, string LoadAverage, DateTimeOffset Started, string Runtime, string Os)
{
    public static Machine Now() => new(
        Environment.ProcessorCount,
        MemTotal(),
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown",
        TimeProvider.System.GetUtcNow(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription);

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Started:yyyy-MM-dd HH:mm} UTC; `nproc` {Cores}, memory {MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, load average at start {LoadAverage}; {Runtime}, {Os}");

    private static long MemTotal()
    {
        if (!File.Exists("/proc/meminfo"))
            return 0;
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
