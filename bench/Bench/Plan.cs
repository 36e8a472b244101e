using System.Globalization;

namespace AmiOrchestrator.Bench;

/// <summary>The sizes of one run: the quick one (under two minutes, a smoke run of every scenario) or the full one the results come from.</summary>
internal sealed record Plan
{
    public required string Name { get; init; }

    /// <summary>Whether the run starts a PostgreSQL server and measures it beside SQLite (the quick run does not: its start alone costs seconds).</summary>
    public required bool Postgres { get; init; }

    public required int JournalWriters { get; init; }

    public required int JournalWritesPerWriter { get; init; }

    public required int RawSingleCommits { get; init; }

    public required int RawBatchRows { get; init; }

    /// <summary>Concurrency levels of the deployment-throughput scenario, each with how many deployments it completes.</summary>
    public required IReadOnlyList<(int Concurrent, int Total)> Throughput { get; init; }

    public required int InFlight { get; init; }

    /// <summary>The boot times of the concurrency scenario's images (seconds, real time): 30-60 in the full run.</summary>
    public required IReadOnlyList<int> InFlightBootSeconds { get; init; }

    /// <summary>The concurrency scenario's poll interval: 15 s in the full run, shorter in the quick one so that it ends soon.</summary>
    public required TimeSpan InFlightPollInterval { get; init; }

    public required int RecoveryDeployments { get; init; }

    /// <summary>Whether the recovery scenario also measures a node that took no snapshots (the quick run leaves it out: it costs a third of the run).</summary>
    public required bool RecoveryWithoutSnapshots { get; init; }

    /// <summary>The recovery scenario's poll interval: a resumed wait's first read comes at the watcher's next tick.</summary>
    public required TimeSpan RecoveryPollInterval { get; init; }

    public required IReadOnlyList<int> CallLevels { get; init; }

    /// <summary>How many times faster than real time the calls scenario's clock runs.</summary>
    public required double CallsSpeed { get; init; }

    /// <summary>Whether the calls scenario also measures the watcher with one describe per group per poll (full runs only, for time).</summary>
    public required bool CallsUnbatched { get; init; }

    /// <summary>Whether the calls scenario also runs the shell-script peer (about a minute of real time, so full runs only).</summary>
    public required bool Peer { get; init; }

    public static Plan Quick { get; } = new()
    {
        Name = "quick",
        Postgres = false,
        JournalWriters = 100,
        JournalWritesPerWriter = 5,
        RawSingleCommits = 300,
        RawBatchRows = 20_000,
        Throughput = [(10, 20)],
        InFlight = 20,
        InFlightBootSeconds = [1],
        InFlightPollInterval = TimeSpan.FromSeconds(1),
        RecoveryDeployments = 20,
        RecoveryPollInterval = TimeSpan.FromSeconds(2),
        RecoveryWithoutSnapshots = false,
        CallLevels = [10],
        CallsSpeed = 60,
        CallsUnbatched = false,
        Peer = false,
    };

    public static Plan Full { get; } = new()
    {
        Name = "full",
        Postgres = true,
        JournalWriters = 1_000,
        JournalWritesPerWriter = 10,
        RawSingleCommits = 5_000,
        RawBatchRows = 200_000,
        Throughput = [(1, 10), (10, 100), (100, 1_000), (1_000, 3_000)],
        InFlight = 10_000,
        InFlightBootSeconds = [.. Enumerable.Range(30, 31)],
        InFlightPollInterval = TimeSpan.FromSeconds(15),
        RecoveryDeployments = 1_000,
        RecoveryPollInterval = TimeSpan.FromSeconds(15),
        RecoveryWithoutSnapshots = true,
        CallLevels = [1, 100, 1_000],
        CallsSpeed = 20,
        CallsUnbatched = true,
        Peer = true,
    };

    /// <summary>"1:10,100:1000" as (concurrent, total) pairs, or null when it is not that.</summary>
    public static IReadOnlyList<(int Concurrent, int Total)>? ParseLevels(string? text)
    {
        var levels = new List<(int, int)>();
        foreach (var level in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = level.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var concurrent) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var total) || concurrent < 1 || total < concurrent)
                return null;
            levels.Add((concurrent, total));
        }
        return levels.Count == 0 ? null : levels;
    }

    /// <summary>"1,100" as counts, or null when it is not that.</summary>
    public static IReadOnlyList<int>? ParseCounts(string? text)
    {
        var counts = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, CultureInfo.InvariantCulture, out var count) || count < 1)
                return null;
            counts.Add(count);
        }
        return counts.Count == 0 ? null : counts;
    }
}
