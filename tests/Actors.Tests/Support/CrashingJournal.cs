using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;

namespace AmiOrchestrator.Actors.Tests.Support;

/// <summary>
/// The production SQL journal with a crash switch, for the crash matrix: once the deployments' writes have reached
/// the plan's count, every further write and read of a deployment fails, as if the process had died right after that
/// write: the entity stops (a failed write stops a persistent actor), nothing after the crash point reaches the
/// journal, and the test then terminates the actor system. Writes of other persistence ids (sharding's remembered
/// entities, lineages) pass, as they would have before the crash. Plans are found by the journal's connection string,
/// so tests on different database files never share one.
/// </summary>
internal sealed class CrashingJournal : SqlWriteJournal
{
    public const string ClassName = "AmiOrchestrator.Actors.Tests.Support.CrashingJournal, AmiOrchestrator.Actors.Tests";

    private static readonly ConcurrentDictionary<string, CrashPlan> Plans = new(StringComparer.Ordinal);

    private readonly CrashPlan? plan;

    public CrashingJournal(Config journalConfig)
        : base(journalConfig) => plan = Plans.GetValueOrDefault(journalConfig.GetString("connection-string"));

    /// <summary>Arms <paramref name="plan"/> for the journal of <paramref name="connectionString"/>; a plan with no limit only counts.</summary>
    public static void Arm(string connectionString, CrashPlan plan) => Plans[connectionString] = plan;

    public static void Disarm(string connectionString) => Plans.TryRemove(connectionString, out _);

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        if (plan is { HasCrashed: true } && IsDeployment(persistenceId))
            throw new InvalidOperationException("the process is dead (crash matrix)");
        return base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
    }

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        if (plan is null)
            return await base.WriteMessagesAsync(messages, cancellationToken);
        var writes = messages.ToList();
        var allowed = new List<AtomicWrite>();
        var results = new Exception[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            if (!IsDeployment(writes[i].PersistenceId) || plan.Admit(writes[i]))
                allowed.Add(writes[i]);
            else
                results[i] = new InvalidOperationException("the process died before this write (crash matrix)");
        }
        if (allowed.Count > 0)
        {
            var written = await base.WriteMessagesAsync(allowed, cancellationToken);
            // The base answers null for a batch that was all written, else one entry (null for success) per write.
            for (int i = 0, j = 0; i < writes.Count; i++)
            {
                if (results[i] is null)
                    results[i] = written?[j++]!;
            }
        }
        return results.ToImmutableList();
    }

    private static bool IsDeployment(string persistenceId) => persistenceId.StartsWith("deployment-", StringComparison.Ordinal);
}

/// <summary>
/// How many writes of deployments a journal accepts before the crash (null: all, counting them), and what was written:
/// each accepted write's events, in order, so a test can tell which crash points fell between a cloud call and its record.
/// The crash happens when the write after the last accepted one is attempted: by then everything the last write led to
/// (a cloud call, its answer) has happened, as in a process that died just before recording it.
/// </summary>
internal sealed class CrashPlan(int? crashAfterWrites)
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
