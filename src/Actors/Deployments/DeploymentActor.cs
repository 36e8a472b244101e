using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Timing;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.Steps;

namespace AmiOrchestrator.Actors.Deployments;

/// <summary>
/// One deployment (a Cluster Sharding entity keyed by deployment id, persistence id <c>deployment-&lt;id&gt;</c>): a thin
/// shell around <see cref="Deployment.Decide"/> and <see cref="Deployment.Evolve"/>. Each input is decided, the
/// decision's events are persisted in one write, and only then are its effects performed: steps go to the child of
/// their group, the lineage is asked or given back, commands are answered. After a restart (its node died, its journal
/// failed) the state is replayed from snapshot and journal and the deployment decides <c>Recover</c>, which sends the
/// step that was in flight again with its persisted deadline; every step is idempotent, so nothing is done twice.
/// </summary>
/// <remarks>
/// The behaviours follow the big states (new, waiting for the lineage, running, ended) so that a message with no
/// meaning in a state is visibly unhandled there. An ended deployment gives its lineage back until the lineage
/// confirms, then passivates, which also takes it off the remembered entities; a later message (a query, a rollback)
/// starts it again from its journal.
/// </remarks>
internal sealed class DeploymentActor : ReceivePersistentActor, IDisposable
{
    private const string LineageTimer = "lineage";

    private static readonly Meter Meter = new("AmiOrchestrator");
    private static readonly UpDownCounter<int> ByStatus = Meter.CreateUpDownCounter<int>(
        "amiorchestrator.deployments", description: "Deployments held by this node's entities, by status");

    private readonly DeploymentServices services;
    private readonly ClockTimers timers;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> runningOn = new(StringComparer.Ordinal);
    private readonly HashSet<IActorRef> subscribers = [];
    private DeploymentState state;
    private DeploymentStatus? counted;
    private long snapshotAt;
    private int? queuePosition;
    private bool releasing;

    public DeploymentActor(string deploymentId, DeploymentServices services)
    {
        this.services = services;
        PersistenceId = PersistenceIdOf(deploymentId);
        state = DeploymentState.Initial(deploymentId);
        timers = new ClockTimers(services.Time, Self);

        Recover<SnapshotOffer>(offer =>
        {
            state = offer.Snapshot as DeploymentState
                ?? throw new InvalidOperationException($"{PersistenceId}: snapshot {offer.Metadata.SequenceNr} holds a {offer.Snapshot.GetType().Name}, not a deployment state");
            snapshotAt = offer.Metadata.SequenceNr;
        });
        Recover<IDeploymentEvent>(e => state = Deployment.Evolve(state, e));
        Recover<RecoveryCompleted>(_ =>
        {
            Count();
            if (state.Status == DeploymentStatus.New)
            {
                BecomeForState();
                return;
            }
            // Deciding Recover persists and acts, which belongs to command handling: it is the first command after
            // replay. Until it is decided every other command waits: one that came during replay (a lineage grant, say)
            // would otherwise start the step in flight, and Recover would start it a second time.
            Become(Resuming);
            Self.Tell(Resume.Instance);
        });
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string deploymentId) => "deployment-" + deploymentId;

    public static Props Props(string deploymentId, DeploymentServices services) =>
        FactoryProps<DeploymentActor>.Of(() => new DeploymentActor(deploymentId, services));

    public void Dispose() => timers.Dispose();

    protected override void PostStop()
    {
        if (counted is { } status)
            ByStatus.Add(-1, new KeyValuePair<string, object?>("status", status.ToString()));
        counted = null;
        Dispose();
        base.PostStop();
    }

    private void BecomeForState()
    {
        if (state.Status != DeploymentStatus.Queued && state.PendingRollback is null && !releasing)
            timers.Cancel(LineageTimer);
        if (state.Status == DeploymentStatus.New)
            Become(New);
        else if (state.Status == DeploymentStatus.Queued || state.PendingRollback is not null)
            Become(WaitingForLineage);
        else if (state.IsRunning)
            Become(Running);
        else
            Become(Ended);
    }

    /// <summary>Replayed, and about to decide Recover before anything else.</summary>
    private void Resuming()
    {
        Command<Resume>(_ =>
        {
            BecomeForState();
            Handle(new DeploymentInput.Recover(services.Time.GetUtcNow()), Nobody.Instance);
            Stash.UnstashAll();
        });
        CommandAny(_ => Stash.Stash());
    }

    /// <summary>Nothing was submitted under this id: a submission records it, anything else is answered as for no deployment.</summary>
    private void New()
    {
        Command<DeploymentInput>(input => Handle(input, Sender));
        CommonCommands();
    }

    /// <summary>Submitted, or asking to roll back after its end: the lineage decides when it may change the cloud.</summary>
    private void WaitingForLineage()
    {
        Command<DeploymentInput>(input => Handle(input, Sender));
        Command<LineageEffect.QueuePosition>(position =>
        {
            queuePosition = position.Position;
            Notify();
        });
        Command<AskLineageAgain>(_ => AskLineage());
        CommonCommands();
    }

    /// <summary>Setting up, deploying, at a gate, swapping or rolling back: step outcomes come from the children.</summary>
    private void Running()
    {
        Command<DeploymentInput>(input => Handle(input, Sender));
        CommonCommands();
    }

    /// <summary>Ended: it answers reads and late commands (a rollback of a failed deployment), and gives its lineage back until confirmed.</summary>
    private void Ended()
    {
        Command<DeploymentInput>(input => Handle(input, Sender));
        Command<LineageEffect.Released>(_ =>
        {
            releasing = false;
            timers.Cancel(LineageTimer);
            PassivateWhenDone();
        });
        Command<AskLineageAgain>(_ => GiveBack());
        CommonCommands();
    }

    private void CommonCommands()
    {
        Command<DeploymentProtocol.GetView>(_ =>
        {
            Sender.Tell(View());
            PassivateWhenDone();
        });
        Command<DeploymentProtocol.Watch>(_ =>
        {
            if (subscribers.Add(Sender))
                Context.Watch(Sender);
            Sender.Tell(View());
        });
        Command<DeploymentProtocol.Unwatch>(_ => Forget(Sender));
        Command<Terminated>(terminated => Forget(terminated.ActorRef));
        Command<StopEntity>(_ => Context.Stop(Self));
        Command<SaveSnapshotSuccess>(saved => DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        // A snapshot is an optimisation: the events are safe, the next snapshot will try again.
        Command<SaveSnapshotFailure>(failed => log.Warning(failed.Cause, "{0}: snapshot at {1} not saved", PersistenceId, failed.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => log.Warning(failed.Cause, "{0}: old snapshots not deleted", PersistenceId));
        // Answers that no longer matter in this state (a queue position after the grant, a repeated release).
        Command<LineageEffect>(_ => { });
        Command<AskLineageAgain>(_ => { });
    }

    private void Handle(DeploymentInput input, IActorRef asker)
    {
        // The step in flight when the deployment recovers runs again; a wait among them has waited as long as the node was down.
        var resumed = input is DeploymentInput.Recover ? state.InFlight?.Step.Id : null;
        var decision = Deployment.Decide(state, input);
        if (decision.Events.Count == 0)
        {
            Perform(decision.Effects, asker, resumed);
            return;
        }
        // Effects run only once every event of the decision is in the journal; no command is handled in between.
        PersistAll(decision.Events, e => state = Deployment.Evolve(state, e), () =>
        {
            Count();
            BecomeForState();
            Perform(decision.Effects, asker, resumed);
            SnapshotWhenDue();
            Notify();
        });
    }

    private void Perform(IEnumerable<DeploymentEffect> effects, IActorRef asker, string? resumedStepId)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case DeploymentEffect.RunStep run:
                    var child = ChildFor(run.Step.Step.Action.Target);
                    runningOn[run.Step.Step.Id] = child;
                    child.Tell(new AsgActor.Run(StepRequest.From(state, run.Step), Resumed: run.Step.Step.Id == resumedStepId));
                    break;
                case DeploymentEffect.CancelStep cancel:
                    if (runningOn.Remove(cancel.StepId, out var runner))
                        runner.Tell(new AsgActor.Cancel(cancel.StepId));
                    break;
                case DeploymentEffect.RequestLineage:
                    AskLineage();
                    break;
                case DeploymentEffect.ReleaseLineage:
                    releasing = true;
                    GiveBack();
                    break;
                case DeploymentEffect.Reply reply:
                    if (!asker.IsNobody())
                        asker.Tell(reply.Answer);
                    break;
                default:
                    log.Warning("{0}: effect {1} is not one this release performs; dropped", PersistenceId, effect);
                    break;
            }
        }
        PassivateWhenDone();
    }

    /// <summary>
    /// Asks the lineage for the turn (or for it back, to roll back), and again on a timer until the grant or refusal
    /// arrives: a grant the lineage persisted but could not send (it crashed) must not leave this deployment waiting forever.
    /// </summary>
    private void AskLineage()
    {
        if (state.Status != DeploymentStatus.Queued && state.PendingRollback is null)
            return;
        var now = services.Time.GetUtcNow();
        LineageInput ask = state.PendingRollback is not null
            ? new LineageInput.AskForRollbackTurn(state.DeploymentId, now)
            : new LineageInput.AskForTurn(state.DeploymentId, now);
        services.Lineages.Tell(new ShardingEnvelope(state.LineageId, ask), Self);
        timers.StartSingle(LineageTimer, AskLineageAgain.Instance, services.LineageRetry);
    }

    /// <summary>Gives the lineage back, and again on a timer until it confirms: a lost give-back would block the lineage for good.</summary>
    private void GiveBack()
    {
        if (!releasing)
            return;
        var revision = state.Plan?.Revision ?? state.HighestRevisionEver;
        services.Lineages.Tell(new ShardingEnvelope(state.LineageId, new LineageInput.GiveBack(state.DeploymentId, revision, services.Time.GetUtcNow())), Self);
        timers.StartSingle(LineageTimer, AskLineageAgain.Instance, services.LineageRetry);
    }

    /// <summary>
    /// Leaves the node's memory (and the remembered entities) once nothing is left to do: never submitted, or ended with
    /// the lineage confirmed given back. A RollbackFailed deployment keeps its lineage and waits, passivated, for an operator.
    /// </summary>
    private void PassivateWhenDone()
    {
        var done = state.Status == DeploymentStatus.New
            || (state.HasEnded && !releasing && state.PendingRollback is null && state.InFlight is null);
        if (done)
            Context.Parent.Tell(new Passivate(StopEntity.Instance));
    }

    private IActorRef ChildFor(string target)
    {
        // Group names may hold characters an actor name may not; escaping keeps one child per group.
        var name = Uri.EscapeDataString(target);
        var child = Context.Child(name);
        return child.IsNobody()
            ? Context.ActorOf(AsgActor.Props(services.Executor, services.Watchers, services.Time), name)
            : child;
    }

    private void SnapshotWhenDue()
    {
        if (LastSequenceNr - snapshotAt < services.SnapshotEvery)
            return;
        SaveSnapshot(state);
        snapshotAt = LastSequenceNr;
    }

    private DeploymentView View() => DeploymentView.Of(state, LastSequenceNr, queuePosition);

    private void Notify()
    {
        if (subscribers.Count == 0)
            return;
        var view = View();
        foreach (var subscriber in subscribers)
            subscriber.Tell(view);
    }

    private void Forget(IActorRef subscriber)
    {
        if (subscribers.Remove(subscriber))
            Context.Unwatch(subscriber);
    }

    private void Count()
    {
        // An entity that was never submitted (a read of an unknown id) is not a deployment.
        if (counted == state.Status || state.Status == DeploymentStatus.New)
            return;
        if (counted is { } before)
            ByStatus.Add(-1, new KeyValuePair<string, object?>("status", before.ToString()));
        ByStatus.Add(1, new KeyValuePair<string, object?>("status", state.Status.ToString()));
        counted = state.Status;
    }

    private sealed class Resume
    {
        public static readonly Resume Instance = new();
    }

    private sealed class AskLineageAgain
    {
        public static readonly AskLineageAgain Instance = new();
    }
}
