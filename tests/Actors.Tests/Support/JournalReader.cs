using Akka.Actor;
using Akka.Persistence;

namespace AmiOrchestrator.Actors.Tests.Support;

/// <summary>
/// Reads one persistence id the way its entity recovers it (latest snapshot, then the events after it), or from its
/// first event, and reports what it found, then stops. It writes nothing, so it can read a journal an entity is using.
/// </summary>
internal sealed class JournalReader : ReceivePersistentActor
{
    private readonly List<object> events = [];
    private readonly bool fromSnapshot;
    private SnapshotOffer? snapshot;

    public JournalReader(string persistenceId, IActorRef replyTo, bool fromSnapshot)
    {
        PersistenceId = persistenceId;
        this.fromSnapshot = fromSnapshot;
        Recover<SnapshotOffer>(offer => snapshot = offer);
        Recover<RecoveryCompleted>(_ =>
        {
            replyTo.Tell(new Recovered(snapshot?.Snapshot, snapshot?.Metadata.SequenceNr ?? 0, events, LastSequenceNr));
            Context.Stop(Self);
        });
        RecoverAny(events.Add);
    }

    public override string PersistenceId { get; }

    /// <summary>From the latest snapshot, as the entity recovers, or every event from the first.</summary>
    public override Recovery Recovery => fromSnapshot ? Recovery.Default : new Recovery(SnapshotSelectionCriteria.None);

    public static Props Props(string persistenceId, IActorRef replyTo, bool fromSnapshot = true) =>
        Akka.Actor.Props.Create(() => new JournalReader(persistenceId, replyTo, fromSnapshot));

    /// <summary>The snapshot offered (if any) with its sequence number, the events replayed after it, and the last sequence number.</summary>
    public sealed record Recovered(object? Snapshot, long SnapshotSequenceNr, IReadOnlyList<object> Events, long LastSequenceNr);
}
