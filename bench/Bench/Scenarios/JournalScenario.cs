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
            var (writes, events, payload, recoveries) = await MeasureEngineAsync(context, database.Persistence);
            context.JournalEventsPerSecond[store] = events;
            var raw = await RawDatabase.MeasureAsync(database, payload, plan.RawSingleCommits, plan.RawBatchRows);
            rows.Add(
            [
                store.ToString(),
                Format.Rate(writes), Format.Rate(events),
                Format.Rate(raw.SingleCommitsPerSecond), Format.Rate(raw.BatchedRowsPerSecond),
                Format.Percent(writes / raw.SingleCommitsPerSecond), Format.Percent(events / raw.BatchedRowsPerSecond),
                Format.Rate(recoveries),
            ]);
            Console.WriteLine($"journal {store}: {writes:F0} writes/s, {events:F0} events/s, {recoveries:F0} writers recovered/s; raw {raw.SingleCommitsPerSecond:F0} commits/s, {raw.BatchedRowsPerSecond:F0} rows/s batched");
        }
        context.Report.Table(
            ["store", "engine writes/s", "engine events/s", "raw single-row commits/s", "raw rows/s in one transaction", "writes / raw commits", "events / raw batched rows", "fresh writers recovered/s"],
            rows);
    }

    private static async Task<(double Writes, double Events, int PayloadBytes, double Recoveries)> MeasureEngineAsync(BenchContext context, PersistenceOptions persistence)
    {
        var plan = context.Plan;
        await using var region = await SimRegion.StartAsync(Fleet.Fixtures(0, [0]), TimeProvider.System, awsLimits: false, requestLogCapacity: 1);
        using var provider = region.Provider(TimeProvider.System);
        await using var node = await BenchNode.StartAsync(persistence, provider, TimeProvider.System);
        var sample = Writer.Events("dep-sample", 0, TimeProvider.System.GetUtcNow());
        var payload = sample.Sum(e => node.System.Serialization.FindSerializerFor(e).ToBinary(e).Length) / sample.Length;

        // A first round warms the plugin (connections, statement caches, JIT) so that the timed round measures writing.
        await RoundAsync(node.System, "warm", Math.Min(plan.JournalWriters, 50), 2);
        var (recovery, writing) = await RoundAsync(node.System, "timed", plan.JournalWriters, plan.JournalWritesPerWriter);
        var writes = (double)plan.JournalWriters * plan.JournalWritesPerWriter;
        return (writes / writing.TotalSeconds, writes * 2 / writing.TotalSeconds, payload, plan.JournalWriters / recovery.TotalSeconds);
    }

    /// <summary>
    /// Starts the writers, waits until every one has recovered (an empty journal: one read of its highest sequence
    /// number and its latest snapshot each), then lets them all write at once. The two are timed apart: recovery is
    /// reads, and counting it as write time would measure the reads.
    /// </summary>
    private static async Task<(TimeSpan Recovery, TimeSpan Writing)> RoundAsync(ActorSystem system, string round, int writers, int writesEach)
    {
        var recovered = new Countdown(writers);
        var written = new Countdown(writers);
        var watch = Stopwatch.StartNew();
        var refs = new IActorRef[writers];
        for (var i = 0; i < writers; i++)
        {
            var id = $"{round}-{i}";
            refs[i] = system.ActorOf(Props.Create(() => new Writer(id, writesEach, recovered, written)));
        }
        await recovered.Task.WaitAsync(TimeSpan.FromMinutes(10));
        var recovery = watch.Elapsed;
        watch.Restart();
        foreach (var writer in refs)
            writer.Tell(Writer.Next.Instance);
        await written.Task.WaitAsync(TimeSpan.FromMinutes(10));
        return (recovery, watch.Elapsed);
    }

    /// <summary>Completes when every writer has counted itself once, and fails with the first failure reported.</summary>
    private sealed class Countdown(int count)
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int remaining = count;

        public Task Task => done.Task;

        public void Signal()
        {
            if (Interlocked.Decrement(ref remaining) == 0)
                done.TrySetResult();
        }

        public void Fail(string failure) => done.TrySetException(new InvalidOperationException("a journal writer failed: " + failure));
    }

    /// <summary>A stand-in deployment that only writes: one step transition per write, the next after the last is stored.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private readonly Countdown written;
        private int left;

        public Writer(string id, int writes, Countdown recovered, Countdown written)
        {
            this.written = written;
            left = writes;
            PersistenceId = "bench-" + id;
            Recover<RecoveryCompleted>(_ => recovered.Signal());
            Command<Next>(_ => PersistAll(Events(id, left, TimeProvider.System.GetUtcNow()), _ => { }, () =>
            {
                if (--left == 0)
                {
                    written.Signal();
                    Context.Stop(Self);
                }
                else
                {
                    Self.Tell(Next.Instance);
                }
            }));
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
            written.Fail(string.Create(CultureInfo.InvariantCulture, $"{PersistenceId} write {sequenceNr} failed: {cause.Message}"));
            base.OnPersistFailure(cause, @event, sequenceNr);
        }

        public sealed class Next
        {
            public static readonly Next Instance = new();
        }
    }
}
