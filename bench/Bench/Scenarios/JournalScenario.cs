using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Persistence;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Bench.Cloud;
using AmiOrchestrator.Bench.Databases;
using AmiOrchestrator.Bench.Engine;
using AmiOrchestrator.Bench.Reporting;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Bench.Scenarios;

/// <summary>
/// Issue item 1: the events per second the engine's persistence sustains with many deployments writing at once, beside
/// the raw database limits measured in the same run on the same database (<see cref="RawDatabase"/>).
/// The writers are persistent actors in a node wired as production wires it (same plugin, settings, serializer and
/// tagger); each write is what a deployment writes when a step ends and the next starts: one PersistAll of a
/// StepSucceeded and a StepStarted, and the writer waits for it before its next one, as a deployment does.
/// </summary>
internal static class JournalScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var plan = context.Plan;
        context.Report.Section("1. Journal throughput");
        context.Report.Note(
            $"{plan.JournalWriters:N0} persistent actors at once, each making {plan.JournalWritesPerWriter} writes in turn (a write = one PersistAll of " +
            "StepSucceeded + StepStarted, the pair a deployment writes when a step ends and the next begins), through the engine's " +
            "journal wiring (`WithAmiOrchestrator`: same plugin settings, serializer and CSV tagger). Raw limits: the same program, " +
            "same database, a table shaped like the journal's with the same payload size: single-row commits one after another on " +
            $"one connection ({plan.RawSingleCommits:N0} rows), and {plan.RawBatchRows:N0} rows in one transaction.");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var store in context.Stores)
        {
            await using var database = await context.NewDatabaseAsync(store, "journal");
            var (writes, events, payload) = await MeasureEngineAsync(context, database.Persistence);
            context.JournalEventsPerSecond[store] = events;
            var raw = await RawDatabase.MeasureAsync(database, payload, plan.RawSingleCommits, plan.RawBatchRows);
            rows.Add(
            [
                store.ToString(),
                Format.Rate(writes), Format.Rate(events),
                Format.Rate(raw.SingleCommitsPerSecond), Format.Rate(raw.BatchedRowsPerSecond),
                Format.Percent(writes / raw.SingleCommitsPerSecond), Format.Percent(events / raw.BatchedRowsPerSecond),
            ]);
            Console.WriteLine($"journal {store}: {writes:F0} writes/s, {events:F0} events/s; raw {raw.SingleCommitsPerSecond:F0} commits/s, {raw.BatchedRowsPerSecond:F0} rows/s batched");
        }
        context.Report.Table(
            ["store", "engine writes/s", "engine events/s", "raw single-row commits/s", "raw rows/s in one transaction", "writes / raw commits", "events / raw batched rows"],
            rows);
    }

    private static async Task<(double Writes, double Events, int PayloadBytes)> MeasureEngineAsync(BenchContext context, PersistenceOptions persistence)
    {
        var plan = context.Plan;
        await using var region = await SimRegion.StartAsync(Fleet.Fixtures(0, [0]), TimeProvider.System, awsLimits: false, requestLogCapacity: 1);
        using var provider = region.Provider(TimeProvider.System);
        await using var node = await BenchNode.StartAsync(persistence, provider, TimeProvider.System);
        var sample = Writer.Events("dep-sample", 0, TimeProvider.System.GetUtcNow());
        var payload = sample.Sum(e => node.System.Serialization.FindSerializerFor(e).ToBinary(e).Length) / sample.Length;

        // A first round warms the plugin (connections, statement caches, JIT) so that the timed round measures writing.
        await RoundAsync(node.System, "warm", Math.Min(plan.JournalWriters, 50), 2);
        var watch = Stopwatch.StartNew();
        await RoundAsync(node.System, "timed", plan.JournalWriters, plan.JournalWritesPerWriter);
        var seconds = watch.Elapsed.TotalSeconds;
        var writes = (double)plan.JournalWriters * plan.JournalWritesPerWriter;
        return (writes / seconds, writes * 2 / seconds, payload);
    }

    private static async Task RoundAsync(ActorSystem system, string round, int writers, int writesEach)
    {
        var done = new TaskCompletionSource();
        var remaining = writers;
        var failures = new List<string>();
        Action<string?> finished = failure =>
        {
            if (failure is not null)
            {
                lock (failures)
                    failures.Add(failure);
            }
            if (Interlocked.Decrement(ref remaining) == 0)
                done.TrySetResult();
        };
        for (var i = 0; i < writers; i++)
            system.ActorOf(Props.Create(() => new Writer($"{round}-{i}", writesEach, finished)));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        if (failures.Count > 0)
            throw new InvalidOperationException($"{failures.Count} journal writers failed, first: {failures[0]}");
    }

    /// <summary>A stand-in deployment that only writes: one step transition per write, the next after the last is stored.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private readonly Action<string?> finished;
        private int left;

        public Writer(string id, int writes, Action<string?> finished)
        {
            this.finished = finished;
            left = writes;
            PersistenceId = "bench-" + id;
            Command<Next>(_ => PersistAll(Events(id, left, TimeProvider.System.GetUtcNow()), _ => { }, () =>
            {
                if (--left == 0)
                {
                    finished(null);
                    Context.Stop(Self);
                }
                else
                {
                    Self.Tell(Next.Instance);
                }
            }));
            Self.Tell(Next.Instance);
        }

        public override string PersistenceId { get; }

        public static IDeploymentEvent[] Events(string deploymentId, int phase, DateTimeOffset at)
        {
            var group = deploymentId + "__2";
            var resize = PlannedStep.Create(deploymentId, PlannedStep.PhaseSegment(phase), StepStage.Deploy, phase, new ResizeAsg(group, 0, 2, 6));
            var wait = PlannedStep.Create(
                deploymentId, PlannedStep.PhaseSegment(phase), StepStage.Deploy, phase,
                new WaitSteady(group, 2, [], [], Domain.Common.Duration.FromSeconds(15)));
            return
            [
                new StepSucceeded(resize.Id, null, "desired 2 of group " + group, at),
                new StepStarted(wait, at.AddMinutes(10), at),
            ];
        }

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            finished(string.Create(CultureInfo.InvariantCulture, $"{PersistenceId} write {sequenceNr} failed: {cause.Message}"));
            base.OnPersistFailure(cause, @event, sequenceNr);
        }

        private sealed class Next
        {
            public static readonly Next Instance = new();
        }
    }
}
