using System.Diagnostics;
using System.Globalization;
using AmiOrchestrator.Bench.Cloud;
using AmiOrchestrator.Bench.Databases;
using AmiOrchestrator.Bench.Engine;
using AmiOrchestrator.Bench.Reporting;
using AmiOrchestrator.Simulator;

namespace AmiOrchestrator.Bench.Scenarios;

/// <summary>
/// Issue item 3: many canaries in flight on one node at once, with images that boot in 30-60 s, on the real clock. The
/// node runs in a child process (its memory is its own) on SQLite; the simulated region stays in this process, whose
/// inspection log times every call. Reaction latency: the simulator knows when each phase's new instances are in
/// service (the resize's time plus the image's boot time, no hooks or load balancers), and the engine's next call for
/// that deployment is the first request after it that names the previous group (the inverse downsize).
/// </summary>
internal static class ConcurrencyScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var plan = context.Plan;
        var count = plan.InFlight;
        var boots = plan.InFlightBootSeconds;
        var poll = plan.InFlightPollInterval;
        context.Report.Section("3. Concurrency");
        context.Report.Note(
            $"{count:N0} three-phase canaries submitted at once to one node (a child process, SQLite journal, default settings, " +
            $"poll interval {poll.TotalSeconds:N0} s), images booting in {boots.Min()}-{boots.Max()} s, real clock, AWS rate limits " +
            "lifted (a real account would need raised quotas for this many). Baseline for memory: the same node idle, before the " +
            "first submission; for reaction: the poll interval, since a wait sees its group at the next poll.");
        await using var database = await context.NewDatabaseAsync(Store.Sqlite, "concurrency");
        await using var region = await SimRegion.StartAsync(Fleet.Fixtures(count, boots), TimeProvider.System, awsLimits: false, requestLogCapacity: count * 80);
        using var node = NodeProcess.Start(database, region.Endpoint, count, boots, poll, context.Folder);
        await node.WaitForLineAsync(l => l == "READY", TimeSpan.FromMinutes(2));
        var idle = node.Memory().Rss;
        var watch = Stopwatch.StartNew();
        await node.WaitForLineAsync(l => l == "SUBMITTED", TimeSpan.FromMinutes(30));
        var submitted = watch.Elapsed;
        var allSubmittedAt = region.Clock.GetUtcNow();
        var succeeded = await node.WaitForEndsAsync(count, TimeSpan.FromMinutes(60));
        var elapsed = watch.Elapsed;
        var (_, peak) = node.Memory();
        await node.StopAsync();

        var reactions = ReactionLatencies(region.Control.Requests(), count, boots);
        var csv = context.Report.Beside("reactions.csv");
        await File.WriteAllLinesAsync(
            csv,
            reactions.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Deployment},{Fleet.RegionOf(r.Deployment)},{r.Desired},{(r.Steady - allSubmittedAt).TotalSeconds:F3},{r.Millis:F0}"))
                .Prepend("deployment,region,desired,steady_s_after_all_submitted,reaction_ms"));
        Console.WriteLine($"reactions of every phase: {csv}");
        var latencies = reactions.Select(r => r.Millis).Order().ToList();
        // The node takes the submissions while the first phases already wait; reactions after the burst show the steady state.
        var settled = reactions.Where(r => r.Steady >= allSubmittedAt).Select(r => r.Millis).Order().ToList();
        var perDeployment = (peak - idle) / (double)count;
        Console.WriteLine($"concurrency: {succeeded}/{count} succeeded in {elapsed.TotalSeconds:F0} s; peak RSS {peak / 1048576} MiB (idle {idle / 1048576} MiB); reaction p50 {Percentile(latencies, 0.5):F0} ms p99 {Percentile(latencies, 0.99):F0} ms over {latencies.Count}; after all were submitted p50 {Percentile(settled, 0.5):F0} ms p99 {Percentile(settled, 0.99):F0} ms over {settled.Count}");
        context.Report.Table(
            ["in flight", "succeeded", "all submitted after", "all ended after", "idle RSS (baseline)", "peak RSS", "per in-flight deployment", "reactions timed", "reaction p50", "reaction p99", "reaction max", "of them after all were submitted", "their p50", "their p99", "poll interval (baseline)"],
            [[
                count.ToString("N0", CultureInfo.InvariantCulture), succeeded.ToString("N0", CultureInfo.InvariantCulture),
                Format.Seconds(submitted), Format.Seconds(elapsed),
                Format.MiB(idle), Format.MiB(peak), Format.KiB(perDeployment),
                latencies.Count.ToString("N0", CultureInfo.InvariantCulture),
                Format.Millis(Percentile(latencies, 0.5)), Format.Millis(Percentile(latencies, 0.99)), Format.Millis(latencies.LastOrDefault()),
                settled.Count.ToString("N0", CultureInfo.InvariantCulture), Format.Millis(Percentile(settled, 0.5)), Format.Millis(Percentile(settled, 0.99)),
                Format.Millis(poll.TotalMilliseconds),
            ]]);
    }

    /// <summary>
    /// For every phase of every deployment: the moment its new instances were all in service, and the milliseconds from
    /// then to the first call that names the previous group afterwards.
    /// </summary>
    private static List<(int Deployment, string Desired, DateTimeOffset Steady, double Millis)> ReactionLatencies(IReadOnlyList<SimulatedRequest> requests, int count, IReadOnlyList<int> boots)
    {
        var byGroup = new Dictionary<string, List<SimulatedRequest>>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            foreach (var (key, value) in request.Parameters)
            {
                if (key == "AutoScalingGroupName" || key.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal))
                {
                    if (!byGroup.TryGetValue(value, out var list))
                        byGroup[value] = list = [];
                    list.Add(request);
                }
            }
        }
        var latencies = new List<(int Deployment, string Desired, DateTimeOffset Steady, double Millis)>();
        for (var i = 0; i < count; i++)
        {
            var boot = TimeSpan.FromSeconds(boots[i % boots.Count]);
            var previous = byGroup.GetValueOrDefault(Fleet.PreviousGroup(i)) ?? [];
            var resizes = (byGroup.GetValueOrDefault(Fleet.NewGroup(i)) ?? [])
                .Where(r => r.Action == "UpdateAutoScalingGroup" && r.Succeeded)
                .GroupBy(r => r.Parameters.GetValueOrDefault("DesiredCapacity"))
                .Select(g => g.First());
            foreach (var resize in resizes)
            {
                var steady = resize.Time + boot;
                if (previous.FirstOrDefault(r => r.Time >= steady) is { } next)
                    latencies.Add((i, resize.Parameters.GetValueOrDefault("DesiredCapacity") ?? "", steady, (next.Time - steady).TotalMilliseconds));
            }
        }
        return latencies;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
