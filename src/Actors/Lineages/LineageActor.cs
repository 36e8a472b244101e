using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;

namespace AmiOrchestrator.Actors.Lineages;

/// <summary>
/// One lineage's lock and FIFO queue (a Cluster Sharding entity keyed by lineage id): a thin shell around
/// <see cref="Lineage.Decide"/> and <see cref="Lineage.Evolve"/>. It persists a decision's events in one write and
/// only then performs its effects, so nothing is granted that a restart could forget.
/// </summary>
/// <remarks>
/// A failed write stops the actor (Akka's rule: whether the events were written is unknown); sharding starts it
/// again, from its journal, on the next message. Deployments ask again until answered, and every input is idempotent,
/// so the retry neither loses nor duplicates anything.
/// </remarks>
internal sealed class LineageActor : ReceivePersistentActor
{
    private readonly IActorRef deployments;
    private readonly int snapshotEvery;
    private readonly TimeProvider time;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private LineageState state;
    private long snapshotAt;

    public LineageActor(string lineageId, IActorRef deployments, int snapshotEvery, TimeProvider time)
    {
        PersistenceId = PersistenceIdOf(lineageId);
        state = LineageState.Initial(lineageId);
        this.deployments = deployments;
        this.snapshotEvery = snapshotEvery;
        this.time = time;

        Recover<SnapshotOffer>(offer =>
        {
            state = offer.Snapshot as LineageState
                ?? throw new InvalidOperationException($"{PersistenceId}: snapshot {offer.Metadata.SequenceNr} holds a {offer.Snapshot.GetType().Name}, not a lineage state");
            snapshotAt = offer.Metadata.SequenceNr;
        });
        Recover<ILineageEvent>(e => state = Lineage.Evolve(state, e));

        Command<LineageInput>(Handle);
        Command<StopEntity>(_ => Context.Stop(Self));
        // Only the newest snapshot is ever read; older ones are dropped so that the table grows with lineages, not with time.
        Command<SaveSnapshotSuccess>(saved => DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        // A snapshot is an optimisation: the events are safe, the next snapshot will try again.
        Command<SaveSnapshotFailure>(failed => log.Warning(failed.Cause, "{0}: snapshot at {1} not saved", PersistenceId, failed.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => log.Warning(failed.Cause, "{0}: old snapshots not deleted", PersistenceId));
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string lineageId) => "lineage-" + lineageId;

    public static Props Props(string lineageId, IActorRef deployments, int snapshotEvery, TimeProvider time) =>
        FactoryProps<LineageActor>.Of(() => new LineageActor(lineageId, deployments, snapshotEvery, time));

    private void Handle(LineageInput input)
    {
        var decision = Lineage.Decide(state, input);
        var asker = Sender;
        if (decision.Events.Count == 0)
        {
            Perform(input, decision.Effects, asker);
            return;
        }
        // Effects run only once every event of the decision is in the journal; no command is handled in between.
        PersistAll(decision.Events, e => state = Lineage.Evolve(state, e), () =>
        {
            Perform(input, decision.Effects, asker);
            SnapshotWhenDue();
        });
    }

    private void Perform(LineageInput input, IEnumerable<LineageEffect> effects, IActorRef asker)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case LineageEffect.QueuePosition or LineageEffect.Released:
                    asker.Tell(effect);
                    break;
                case LineageEffect.RefuseTurn refusal when input is LineageInput.Admit:
                    // Admit comes from the gateway before the deployment exists: the refusal is the gateway's answer,
                    // and sending it to the deployment region would start an entity for a deployment never recorded.
                    asker.Tell(refusal);
                    break;
                case LineageEffect.RefuseTurn refusal:
                    ToDeployment(refusal.DeploymentId, new DeploymentInput.LineageDenied(refusal.Reason, time.GetUtcNow()));
                    break;
                case LineageEffect.GrantTurn grant:
                    ToDeployment(grant.DeploymentId, new DeploymentInput.LineageGranted(grant.LineageId, grant.HighestRevisionEver, time.GetUtcNow()));
                    break;
                default:
                    log.Warning("{0}: effect {1} is not one this release performs; dropped", PersistenceId, effect);
                    break;
            }
        }
    }

    // Through the region, not to a remembered sender: the deployment may be on another node, or restarted since it asked.
    private void ToDeployment(string deploymentId, DeploymentInput input) => deployments.Tell(new ShardingEnvelope(deploymentId, input));

    private void SnapshotWhenDue()
    {
        if (LastSequenceNr - snapshotAt < snapshotEvery)
            return;
        SaveSnapshot(state);
        snapshotAt = LastSequenceNr;
    }
}
