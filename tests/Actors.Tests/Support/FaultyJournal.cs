using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;

namespace AmiOrchestrator.Actors.Tests.Support;

/// <summary>
/// The production SQL journal with a fault switch for deployments' writes and reads (<see cref="IJournalFault"/>):
/// a crash after the n-th write for the crash matrix (<see cref="CrashPlan"/>), or an outage for as long as a test
/// says (<see cref="OutagePlan"/>). Writes of other persistence ids (sharding's remembered entities, lineages) pass.
/// Plans are found by the journal's connection string, so tests on different database files never share one.
/// </summary>
internal sealed class FaultyJournal : SqlWriteJournal
{
    public const string ClassName = "AmiOrchestrator.Actors.Tests.Support.FaultyJournal, AmiOrchestrator.Actors.Tests";

    public const string Hocon = $"akka.persistence.journal.sql.class = \"{ClassName}\"";

    private static readonly ConcurrentDictionary<string, IJournalFault> Plans = new(StringComparer.Ordinal);

    private readonly IJournalFault? plan;

    public FaultyJournal(Config journalConfig)
        : base(journalConfig) => plan = Plans.GetValueOrDefault(journalConfig.GetString("connection-string"));

    /// <summary>Arms <paramref name="plan"/> for the journal of <paramref name="connectionString"/>.</summary>
    public static void Arm(string connectionString, IJournalFault plan) => Plans[connectionString] = plan;

    public static void Disarm(string connectionString) => Plans.TryRemove(connectionString, out _);

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        return plan is not null && IsDeployment(persistenceId) && !plan.AdmitReplay()
            ? Task.FromException(new InvalidOperationException("the journal is unavailable (injected fault)"))
            : base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
    }

    // Recovery reads the highest sequence number before it replays anything (and replays nothing past a snapshot):
    // a journal that is down fails this first read.
    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) =>
        plan is not null && IsDeployment(persistenceId) && !plan.AdmitReplay()
            ? Task.FromException<long>(new InvalidOperationException("the journal is unavailable (injected fault)"))
            : base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    /// <remarks>
    /// A refused write fails the whole batch, as a database that is gone fails every statement: the writers get a
    /// persist failure (the entity stops, Akka's rule when it cannot know whether the events were written), not a
    /// rejection (which would leave the entity running as if the event had merely been invalid).
    /// </remarks>
    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        return plan is not null && !writes.Where(w => IsDeployment(w.PersistenceId)).All(plan.Admit)
            ? Task.FromException<IImmutableList<Exception>>(new InvalidOperationException("the journal is unavailable (injected fault)"))
            : base.WriteMessagesAsync(writes, cancellationToken);
    }

    private static bool IsDeployment(string persistenceId) => persistenceId.StartsWith("deployment-", StringComparison.Ordinal);
}

/// <summary>A fault of the deployments' journal: which writes and replays it lets through.</summary>
internal interface IJournalFault
{
    bool Admit(AtomicWrite write);

    bool AdmitReplay();
}

/// <summary>
/// A journal that is down while <see cref="IsDown"/>: every deployment write and replay fails. It counts what it
/// refused, so a test can tell a deployment backing off from one restarting in a hot loop.
/// </summary>
internal sealed class OutagePlan : IJournalFault
{
    private int refusedWrites;
    private int refusedReplays;
    private volatile bool isDown;

    public bool IsDown
    {
        get => isDown;
        set => isDown = value;
    }

    public int RefusedWrites => Volatile.Read(ref refusedWrites);

    public int RefusedReplays => Volatile.Read(ref refusedReplays);

    public bool Admit(AtomicWrite write)
    {
        if (!isDown)
            return true;
        Interlocked.Increment(ref refusedWrites);
        return false;
    }

    public bool AdmitReplay()
    {
        if (!isDown)
            return true;
        Interlocked.Increment(ref refusedReplays);
        return false;
    }
}

/// <summary>
/// How many writes of deployments a journal accepts before the crash (null: all, counting them), and what was written:
/// each accepted write's events, in order, so a test can tell which crash points fell between a cloud call and its record.
/// The crash happens when the write after the last accepted one is attempted: by then everything the last write led to
/// (a cloud call, its answer) has happened, as in a process that died just before recording it.
/// </summary>
internal sealed class CrashPlan(int? crashAfterWrites) : IJournalFault
{
    private readonly Lock gate = new();
    private readonly List<IReadOnlyList<object>> written = [];
    private readonly TaskCompletionSource crashed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool HasCrashed => crashed.Task.IsCompleted;

    public Task Crashed => crashed.Task;

    public IReadOnlyList<IReadOnlyList<object>> Written
    {
        get
        {
            lock (gate)
                return [.. written];
        }
    }

    public bool AdmitReplay() => !HasCrashed;

    public bool Admit(AtomicWrite write)
    {
        lock (gate)
        {
            if (HasCrashed || written.Count >= crashAfterWrites)
            {
                crashed.TrySetResult();
                return false;
            }
            // The journal's write adapter has wrapped each event with its tags by now.
            written.Add([.. ((IImmutableList<IPersistentRepresentation>)write.Payload).Select(p => p.Payload is Akka.Persistence.Journal.Tagged tagged ? tagged.Payload : p.Payload)]);
            return true;
        }
    }
}
