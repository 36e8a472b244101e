using System.Diagnostics;
using System.Globalization;
using AmiOrchestrator.Bench.Cloud;
using AmiOrchestrator.Bench.Databases;
using AmiOrchestrator.Bench.Engine;
using AmiOrchestrator.Bench.Reporting;
using AmiOrchestrator.Simulator;
using AmiOrchestrator.Steps.Timing;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Bench.Scenarios;

/// <summary>
/// Issue item 5: Auto Scaling calls per deployment at several concurrency levels, with the watcher batching 50 groups
/// per describe and with one describe per group per poll, under the simulator's AWS-like rate limits and the client's
/// default call budget; and the shell-script peer for the same deployment. Engine and simulator share one clock sped
/// up <see cref="Plan.CallsSpeed"/> times, so 30-60 s boots and the 15 s poll keep their proportions.
/// </summary>
internal static class CallsScenario
{
    // The peer's clock: its AWS CLI calls take real time (a Python start each), which a faster clock would turn into
    // many simulated seconds between its polls.
    private const double PeerSpeed = 4;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    private static readonly int[] Boots = [.. Enumerable.Range(30, 31)];

    public static async Task RunAsync(BenchContext context)
    {
        context.Report.Section("5. AWS call efficiency");
        context.Report.Note(
            $"Three-phase canaries (images booting in 30-60 s, poll interval {PollInterval.TotalSeconds:N0} s) submitted at once, on a clock " +
            $"sped up {context.Plan.CallsSpeed:N0} times that the engine and the simulator share; the simulator's AWS-like rate limits on, the client's " +
            "default call budget (Auto Scaling 5 requests/s, burst 10). SQLite journal. Auto Scaling calls are counted by the simulator; " +
            "'throttled' are refusals the client absorbed by retrying. 'describes allowed' is the sum over the watcher's polls of " +
            "ceil(groups watched / 50). Baselines: the same engine with one describe per group per poll, and the shell-script peer " +
            $"(`diy-ami-deploy.sh`, bash + AWS CLI) deploying the same canary (clock sped up {PeerSpeed:N0} times, its poll `POLL_S` = " +
            $"{PollInterval.TotalSeconds / PeerSpeed:N2} real s = {PollInterval.TotalSeconds:N0} simulated s).");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var level in context.Plan.CallLevels)
        {
            foreach (var perDescribe in context.Plan.CallsUnbatched ? new[] { 50, 1 } : [50])
            {
                var r = await MeasureAsync(context, level, perDescribe);
                rows.Add(
                [
                    $"engine, {(perDescribe == 50 ? "batched watcher (50)" : "one describe per group")}", level.ToString("N0", CultureInfo.InvariantCulture), r.Outcome,
                    Format.Number(r.AutoScaling / (double)level), Format.Number(r.Describes / (double)level),
                    Format.Number(r.Calls / (double)level), r.Throttled.ToString("N0", CultureInfo.InvariantCulture),
                    r.Polls.ToString("N0", CultureInfo.InvariantCulture), r.MaxGroups.ToString("N0", CultureInfo.InvariantCulture),
                    r.Allowed.ToString("N0", CultureInfo.InvariantCulture), Format.Seconds(r.Elapsed),
                ]);
                Console.WriteLine($"calls x{level} per-describe {perDescribe}: {r.AutoScaling / (double)level:F1} autoscaling ({r.Describes / (double)level:F1} describes) per deployment, {r.Throttled} throttled, {r.Outcome}");
            }
        }
        if (context.Plan.Peer)
        {
            var peer = await PeerAsync();
            rows.Add(["shell-script peer", "1", peer.Outcome, Format.Number(peer.AutoScaling), Format.Number(peer.Describes), Format.Number(peer.Calls), peer.Throttled.ToString("N0", CultureInfo.InvariantCulture), "n/a", "1", "n/a", Format.Seconds(peer.Elapsed)]);
            Console.WriteLine($"peer: {peer.AutoScaling} autoscaling calls ({peer.Describes} describes), {peer.Calls} in all; {peer.Outcome}");
        }
        context.Report.Table(
            ["who", "concurrent", "outcome", "Auto Scaling calls / deployment", "DescribeAutoScalingGroups / deployment", "all AWS calls / deployment", "throttled (absorbed)", "watcher polls", "most groups in a poll", "describes allowed", "real time"],
            rows);
    }

    private static async Task<Counts> MeasureAsync(BenchContext context, int level, int perDescribe)
    {
        var clock = new ScaledTimeProvider(context.Plan.CallsSpeed);
        await using var database = await context.NewDatabaseAsync(Store.Sqlite, $"calls-{level}-{perDescribe}");
        await using var region = await SimRegion.StartAsync(Fleet.Fixtures(level, Boots), clock, awsLimits: true, requestLogCapacity: level * 400 + 10_000);
        using var provider = region.Provider(clock);
        await using var node = await BenchNode.StartAsync(database.Persistence, provider, clock, watcherGroupsPerDescribe: perDescribe);
        using var tracker = new DeploymentTracker();
        using var polls = new InstrumentRecorder<int>("AmiOrchestrator", "amiorchestrator.watcher.groups_per_poll");
        var watch = Stopwatch.StartNew();
        await node.SubmitAllAsync(level, i => Fleet.Canary(i, Boots[i % Boots.Length], PollInterval, TimeSpan.FromHours(2)), parallel: 200);
        await tracker.WaitForAsync(level, TimeSpan.FromMinutes(20));
        var elapsed = watch.Elapsed;
        polls.Dispose();
        var sizes = polls.Values;
        return Count(region.Control.Requests(), tracker.Summary(), elapsed) with
        {
            Polls = sizes.Length,
            MaxGroups = sizes.DefaultIfEmpty().Max(),
            Allowed = sizes.Sum(g => (g + 49) / 50),
        };
    }

    private static async Task<Counts> PeerAsync()
    {
        var clock = new ScaledTimeProvider(PeerSpeed);
        await using var region = await SimRegion.StartAsync(Fleet.PeerFixtures(Boots), clock, awsLimits: true, requestLogCapacity: 10_000);
        var script = PeerScript();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, region.Endpoint.ToString(), Fleet.PeerBaseGroup, Fleet.PeerLineage, "peer", Fleet.Image(Boots[0]), Fleet.Desired.ToString(CultureInfo.InvariantCulture), "33 66 100" })
            start.ArgumentList.Add(argument);
        start.Environment["AWS_ACCESS_KEY_ID"] = SimulatedAccount.Default.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = SimulatedAccount.Default.SecretAccessKey;
        start.Environment["AWS_DEFAULT_REGION"] = Fleet.Region;
        start.Environment["AWS_PAGER"] = "";
        start.Environment["POLL_S"] = (PollInterval.TotalSeconds / PeerSpeed).ToString("0.###", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var last = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var outcome = process.ExitCode == 0 ? "deployed (" + last[(last.LastIndexOf("CALLS=", StringComparison.Ordinal))..] + ")" : $"failed ({process.ExitCode}): {(await errors).Trim()}";
        return Count(region.Control.Requests(), outcome, watch.Elapsed);
    }

    /// <summary>../shared/peers/diy-ami-deploy.sh beside the repository this program runs in.</summary>
    private static string PeerScript()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AmiOrchestrator.sln")))
            {
                var script = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "peers", "diy-ami-deploy.sh"));
                return File.Exists(script) ? script : throw new FileNotFoundException("the shell-script peer is not beside the repository", script);
            }
        }
        throw new InvalidOperationException("run the bench from inside the repository: the peer script is found beside it");
    }

    private static Counts Count(IReadOnlyList<SimulatedRequest> requests, string outcome, TimeSpan elapsed) => new(
        outcome,
        requests.Count,
        requests.Count(r => r.Service == "autoscaling"),
        requests.Count(r => r.Action == "DescribeAutoScalingGroups"),
        requests.Count(r => r.ResultCode is "Throttling" or "RequestLimitExceeded"),
        elapsed);

    private sealed record Counts(string Outcome, int Calls, int AutoScaling, int Describes, int Throttled, TimeSpan Elapsed)
    {
        public int Polls { get; init; }

        public int MaxGroups { get; init; }

        public int Allowed { get; init; }
    }
}
