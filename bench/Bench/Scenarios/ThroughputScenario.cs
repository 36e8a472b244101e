using System.Data.Common;
using System.Diagnostics;
using AmiOrchestrator.Bench.Cloud;
using AmiOrchestrator.Bench.Databases;
using AmiOrchestrator.Bench.Engine;
using AmiOrchestrator.Bench.Reporting;
using AmiOrchestrator.Steps.Timing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AmiOrchestrator.Bench.Scenarios;

/// <summary>
/// Issue item 2: three-phase canary deployments completed per second against the in-process simulator with zero boot
/// time, at several concurrency levels, on each journal. Each level gets a fresh region, database and node; a new
/// deployment is submitted (through the gateway) as soon as one ends, so exactly that many are in flight.
/// Images boot in 0 s, but a simulated instance takes 10 s to shut down, and every phase waits for the previous group's
/// downsize: on the real clock a deployment would take 30 s whatever the engine does. Engine and simulator therefore
/// share a clock sped up <see cref="Speed"/> times, the poll interval scaled with it (10 s simulated, 100 ms real).
/// </summary>
internal static class ThroughputScenario
{
    private const double Speed = 100;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(BenchContext context)
    {
        context.Report.Section("2. Deployment throughput");
        context.Report.Note(
            "Three-phase canaries (33/66/100% of 3 instances, the previous group of 3 shrunk in inverse proportion), one lineage " +
            "each, against the in-process simulator over HTTP: images boot in 0 s, no load balancers, AWS rate limits lifted in the simulator and the client " +
            $"(what is measured is the engine). Engine and simulator share a clock sped up {Speed:N0} times: a simulated instance takes " +
            $"10 s to shut down and every phase waits for the previous group's downsize, 30 s per deployment on the real clock; scaled, " +
            $"that is {30 / Speed:N1} s, and the poll interval of {PollInterval.TotalSeconds:N0} simulated s is {PollInterval.TotalMilliseconds / Speed:N0} real ms. Submitted through the gateway; a new one as soon as one ends. Baseline: the journal's own " +
            "ceiling for this many rows per deployment, from the engine events/s of scenario 1 in the same run.");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var store in context.Stores)
        {
            foreach (var (concurrent, total) in context.Plan.Throughput)
            {
                var result = await MeasureAsync(context, store, concurrent, total);
                var ceiling = context.JournalEventsPerSecond.TryGetValue(store, out var events) ? events / result.RowsPerDeployment : double.NaN;
                rows.Add(
                [
                    store.ToString(), concurrent.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    Format.Rate(result.PerSecond), result.Outcome,
                    Format.Number(result.CallsPerDeployment), Format.Number(result.RowsPerDeployment),
                    double.IsNaN(ceiling) ? "n/a" : Format.Rate(ceiling),
                    double.IsNaN(ceiling) ? "n/a" : Format.Percent(result.PerSecond / ceiling),
                ]);
                Console.WriteLine($"throughput {store} x{concurrent}: {result.PerSecond:F1}/s ({result.Outcome}), {result.CallsPerDeployment:F1} calls and {result.RowsPerDeployment:F1} journal rows per deployment");
            }
        }
        context.Report.Table(
            ["store", "concurrent", "deployments", "completed/s", "outcome", "cloud calls / deployment", "journal rows / deployment", "journal ceiling (deployments/s)", "of ceiling"],
            rows);
    }

    private static async Task<(double PerSecond, string Outcome, double CallsPerDeployment, double RowsPerDeployment)> MeasureAsync(
        BenchContext context, Store store, int concurrent, int total)
    {
        await using var database = await context.NewDatabaseAsync(store, $"throughput-{concurrent}");
        var clock = new ScaledTimeProvider(Speed);
        await using var region = await SimRegion.StartAsync(Fleet.Fixtures(total, [0]), clock, awsLimits: false, requestLogCapacity: 1);
        using var provider = region.Provider(clock);
        await using var node = await BenchNode.StartAsync(database.Persistence, provider, clock);
        using var slots = new SemaphoreSlim(concurrent);
        using var tracker = new DeploymentTracker(() => slots.Release());
        var callsBefore = region.Control.LastRequestSequence;
        var watch = Stopwatch.StartNew();
        var submissions = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            await slots.WaitAsync();
            submissions.Add(node.SubmitAsync(Fleet.DeploymentId(i), Fleet.Canary(i, 0, PollInterval, TimeSpan.FromHours(10))));
        }
        await Task.WhenAll(submissions);
        await tracker.WaitForAsync(total, TimeSpan.FromMinutes(20));
        var elapsed = watch.Elapsed;
        var calls = region.Control.LastRequestSequence - callsBefore;
        var rows = await JournalRowsAsync(database);
        return (total / elapsed.TotalSeconds, tracker.Summary(), (double)calls / total, (double)rows / total);
    }

    /// <summary>Every row the engine wrote to its journal table: deployment and lineage events and remembered entities.</summary>
    public static async Task<long> JournalRowsAsync(BenchDatabase database)
    {
        await using var connection = database.Store == Store.Sqlite
            ? (DbConnection)new SqliteConnection(database.JournalConnectionString)
            : new NpgsqlConnection(database.JournalConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
