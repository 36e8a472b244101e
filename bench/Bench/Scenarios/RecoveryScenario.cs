using System.Globalization;
using AmiOrchestrator.Bench.Cloud;
using AmiOrchestrator.Bench.Databases;
using AmiOrchestrator.Bench.Engine;
using AmiOrchestrator.Bench.Reporting;

namespace AmiOrchestrator.Bench.Scenarios;

/// <summary>
/// Issue item 4: a node (a child process, SQLite) with many deployments in flight is killed with SIGKILL and started
/// again with nothing sent to it; measured from the restart until every deployment's next cloud call has reached the
/// simulator (a request after the kill that names its new group: the watcher's describe of its wait). The deployments
/// are all waiting for instances that boot in an hour, the state most in-flight deployments are in.
/// </summary>
internal static class RecoveryScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var count = context.Plan.RecoveryDeployments;
        context.Report.Section("4. Recovery");
        context.Report.Note(
            $"{count:N0} canaries in flight (each waiting on its first phase, images booting in an hour, poll interval {context.Plan.RecoveryPollInterval.TotalSeconds:N0} s), " +
            "the node (a child process on SQLite) killed with SIGKILL, a new one started on the same file with nothing sent to it. " +
            "Timed from the new process's start. 'With snapshots': every 5 events; 'without': none taken. Baseline: the same " +
            "program starting a node on an empty database until it is up.");
        var rows = new List<IReadOnlyList<string>>();
        await using (var empty = await context.NewDatabaseAsync(Store.Sqlite, "recovery-empty"))
        await using (var idleRegion = await SimRegion.StartAsync(Fleet.Fixtures(0, [0]), TimeProvider.System, awsLimits: false, requestLogCapacity: 1))
        {
            using var node = NodeProcess.Start(empty, idleRegion.Endpoint, 0, [0], context.Plan.RecoveryPollInterval, context.Folder);
            await node.WaitForLineAsync(l => l == "READY", TimeSpan.FromMinutes(2));
            rows.Add(["empty node (baseline)", "0", Format.Seconds(node.Age), "n/a", "n/a", "n/a"]);
            await node.StopAsync();
        }
        var variants = context.Plan.RecoveryWithoutSnapshots ? new[] { ("with snapshots", 5), ("without snapshots", 1_000_000) } : [("with snapshots", 5)];
        foreach (var (label, snapshotEvery) in variants)
        {
            var (up, resumed, stragglerNote) = await MeasureAsync(context, count, snapshotEvery);
            rows.Add([label, count.ToString("N0", CultureInfo.InvariantCulture), Format.Seconds(up), Format.Seconds(resumed), Format.Seconds(resumed - up), stragglerNote]);
            Console.WriteLine($"recovery {label}: up after {up.TotalSeconds:F2} s, every deployment's next call after {resumed.TotalSeconds:F2} s ({stragglerNote})");
        }
        context.Report.Table(["run", "in flight", "node up after", "every deployment's next call after", "of which after the node was up", "half of them after"], rows);
    }

    private static async Task<(TimeSpan Up, TimeSpan Resumed, string Half)> MeasureAsync(BenchContext context, int count, int snapshotEvery)
    {
        await using var database = await context.NewDatabaseAsync(Store.Sqlite, "recovery", snapshotEvery);
        await using var region = await SimRegion.StartAsync(Fleet.Fixtures(count, [3_600]), TimeProvider.System, awsLimits: false, requestLogCapacity: count * 100);
        var groups = Enumerable.Range(0, count).Select(Fleet.NewGroup).ToHashSet(StringComparer.Ordinal);
        using (var first = NodeProcess.Start(database, region.Endpoint, count, [3_600], context.Plan.RecoveryPollInterval, context.Folder))
        {
            await first.WaitForLineAsync(l => l == "SUBMITTED", TimeSpan.FromMinutes(10));
            // Every deployment is in its first wait once the watcher has read its new group after its first resize.
            await Until(() => NamedSince(region, 0, groups, "UpdateAutoScalingGroup").Count == count, TimeSpan.FromMinutes(10), "every first resize");
            var resized = region.Control.LastRequestSequence;
            await Until(() => NamedSince(region, resized, groups, "DescribeAutoScalingGroups").Count == count, TimeSpan.FromMinutes(10), "every deployment in its first wait");
            first.Kill();
        }
        var killedAt = region.Control.LastRequestSequence;
        using var second = NodeProcess.Start(database, region.Endpoint, 0, [3_600], context.Plan.RecoveryPollInterval, context.Folder);
        await second.WaitForLineAsync(l => l == "READY", TimeSpan.FromMinutes(2));
        var up = second.Age;
        TimeSpan? half = null;
        await Until(
            () =>
            {
                var named = NamedSince(region, killedAt, groups, action: null).Count;
                if (half is null && named * 2 >= count)
                    half = second.Age;
                return named == count;
            },
            TimeSpan.FromMinutes(5),
            "every deployment's next call after the restart");
        var resumed = second.Age;
        await second.StopAsync();
        return (up, resumed, half is { } h ? Format.Seconds(h) : "n/a");
    }

    /// <summary>The new groups named by a request (of <paramref name="action"/>, or any) after sequence <paramref name="since"/>.</summary>
    private static HashSet<string> NamedSince(SimRegion region, long since, HashSet<string> groups, string? action)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in region.Control.Requests(action, since))
        {
            foreach (var value in request.Parameters.Values)
            {
                if (groups.Contains(value))
                    named.Add(value);
            }
        }
        return named;
    }

    private static async Task Until(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(within.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
                throw new TimeoutException($"not reached within {within}: {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }
}
