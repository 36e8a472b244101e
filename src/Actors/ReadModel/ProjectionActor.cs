using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using AmiOrchestrator.Actors.Persistence;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// The read model's projection (a cluster singleton on engine nodes, under a backoff supervisor): follows the journal's
/// deployment events by tag from the stored offset and applies them in batches, each batch and its offset in one
/// transaction. A failure of the stream stops the actor and its supervisor starts it again, from the stored offset, so
/// an outage of the database neither loses nor repeats anything and is retried with backoff, never in a hot loop.
/// </summary>
internal sealed class ProjectionActor : ReceiveActor, IWithStash, IWithTimers
{
    /// <summary>
    /// A batch is what arrived in 100 ms, or 200 events. Per-event transactions would cap the projection at SQLite's
    /// commit rate (each fsynced); 100 ms keeps a dashboard live while a burst (a node catching up, a rebuild)
    /// commits 200 events at a time.
    /// </summary>
    private const int BatchSize = 200;

    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the lag is measured for the metrics: two indexed reads of the journal's tail.</summary>
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);

    private readonly DeploymentProjector projector;
    private readonly ReadModelStore store;
    private readonly ProjectionMetrics metrics;
    private readonly SqlReadJournal journal;
    private readonly IMaterializer materializer;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly List<IActorRef> rebuildRequesters = [];

    // Cancelled when the actor stops, so that its last batch is rolled back rather than committed behind its successor's
    // back (were it committed anyway, the successor's first batch finds the offset moved and starts again).
    private readonly CancellationTokenSource stopping = new();
    private UniqueKillSwitch? running;
    private int run;
    private bool measuring;

    public ProjectionActor(ReadModelStore store, ProjectionMetrics metrics)
    {
        this.store = store;
        this.metrics = metrics;
        journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        // The actor's own materializer: when the actor stops, so does its stream.
        materializer = Context.Materializer();
        projector = new DeploymentProjector(store, ReplayAsync, metrics);
        Starting();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ReadModelStore store, ProjectionMetrics metrics) =>
        Akka.Actor.Props.Create(() => new ProjectionActor(store, metrics));

    protected override void PreStart() =>
        projector.StartAsync().PipeTo(Self, success: offset => new Started(offset), failure: cause => new Failed(cause, "could not open the read model"));

    protected override void PostStop() => stopping.Cancel();

    private void Starting()
    {
        Receive<Started>(started =>
        {
            log.Info("read model projection starting at journal offset {0}", started.Offset);
            Timers.StartPeriodicTimer(nameof(MeasureLag), MeasureLag.Instance, LagInterval);
            RunFrom(started.Offset);
            Become(Running);
            Stash.UnstashAll();
        });
        Receive<Failed>(Fail);
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<DeploymentProjector.BatchApplied>(Applied);
        Receive<StreamEnded>(ended => ended.Run == run, ended => Fail(new Failed(ended.Cause, "the journal's event stream ended")));
        Receive<ReadModelProtocol.Rebuild>(rebuild =>
        {
            log.Warning("read model rebuild requested by {0}: emptying the tables and replaying the journal from offset 0", rebuild.RequestedBy);
            rebuildRequesters.Add(Sender);
            // The stream drains: the batch in hand is committed (or fails) before the tables are emptied.
            running!.Shutdown();
            Become(Rebuilding);
        });
        Measuring();
    }

    private void Rebuilding()
    {
        Receive<DeploymentProjector.BatchApplied>(Applied);
        Receive<ReadModelProtocol.Rebuild>(_ => rebuildRequesters.Add(Sender));
        Receive<StreamEnded>(ended => ended.Run == run, ended =>
        {
            if (ended.Cause is not null)
                log.Warning(ended.Cause, "the stream stopped for the rebuild with a failure; its last batch was not committed");
            ResetAsync().PipeTo(Self, failure: cause => new Failed(cause, "could not empty the read model for the rebuild"));
        });
        Receive<Reset>(reset =>
        {
            foreach (var requester in rebuildRequesters)
                requester.Tell(new ReadModelProtocol.RebuildStarted(reset.HeadOffset));
            rebuildRequesters.Clear();
            RunFrom(0);
            Become(Running);
        });
        Receive<Failed>(Fail);
        Measuring();
    }

    private void Measuring()
    {
        Receive<ReadModelProtocol.GetProjectionStatus>(_ => store.ReadStatusAsync().PipeTo(Sender));
        Receive<MeasureLag>(_ =>
        {
            if (measuring)
                return;
            measuring = true;
            store.ReadStatusAsync().PipeTo(Self, success: status => new Measured(status, null), failure: cause => new Measured(null, cause));
        });
        Receive<Measured>(measured =>
        {
            measuring = false;
            if (measured.Status is { } status)
                metrics.Observe(status);
            else
                // A measurement that failed is not the projection's failure: the next tick tries again.
                log.Warning(measured.Cause, "could not measure the read model's lag");
        });
    }

    private async Task<Reset> ResetAsync()
    {
        await projector.ResetAsync();
        return new Reset((await store.ReadStatusAsync()).HeadOffset);
    }

    private void RunFrom(long offset)
    {
        var self = Self;
        var thisRun = ++run;
        var (killSwitch, done) = journal.EventsByTag(JournalTagger.DeploymentTag, Offset.Sequence(offset))
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .GroupedWithin(BatchSize, BatchWindow)
            .SelectAsync(1, batch => projector.ApplyAsync([.. batch], stopping.Token))
            .ToMaterialized(Sink.ForEach<DeploymentProjector.BatchApplied>(applied => self.Tell(applied)), Keep.Both)
            .Run(materializer);
        running = killSwitch;
        done.PipeTo(self, success: _ => new StreamEnded(thisRun, null), failure: cause => new StreamEnded(thisRun, cause));
    }

    private void Applied(DeploymentProjector.BatchApplied applied)
    {
        if (applied.Skipped.Count > 0)
            log.Warning("the read model skipped {0} events tagged deployment that are not deployment events: {1}", applied.Skipped.Count, string.Join(", ", applied.Skipped));
    }

    /// <summary>Stops the actor: its supervisor starts it again after a backoff, from the offset the database holds.</summary>
    private void Fail(Failed failed)
    {
        log.Error(failed.Cause, "read model projection stopped: {0}; it starts again from the stored offset after a backoff", failed.What);
        Context.Stop(Self);
    }

    private async Task<IReadOnlyList<EventEnvelope>> ReplayAsync(string persistenceId, long toSequenceNr) =>
        await journal.CurrentEventsByPersistenceId(persistenceId, 1, toSequenceNr).RunWith(Sink.Seq<EventEnvelope>(), materializer);

    private sealed record Started(long Offset);

    private sealed record StreamEnded(int Run, Exception? Cause);

    private sealed record Reset(long HeadOffset);

    private sealed record Failed(Exception? Cause, string What);

    private sealed record Measured(ProjectionStatus? Status, Exception? Cause);

    private sealed class MeasureLag
    {
        public static MeasureLag Instance { get; } = new();
    }
}
