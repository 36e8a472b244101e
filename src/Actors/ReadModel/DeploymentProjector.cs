using System.Diagnostics;
using Akka.Persistence.Query;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// Applies batches of the journal's deployment events to the read model, each in one transaction with the offset it
/// reaches. It keeps the folded state of the deployments still running, so an event needs no read of the deployment's
/// history; a deployment it does not hold at the event before (after a restart, or an ended deployment rolled back
/// later) is folded again from its journal first.
/// </summary>
internal sealed class DeploymentProjector(ReadModelStore store, DeploymentProjector.ReplayJournal replay, ProjectionMetrics metrics)
{
    public const string PersistenceIdPrefix = "deployment-";

    private readonly Dictionary<string, FoldedDeployment> running = new(StringComparer.Ordinal);

    /// <summary>A deployment's events from its first through <c>toSequenceNr</c>, in order.</summary>
    public delegate Task<IReadOnlyList<EventEnvelope>> ReplayJournal(string persistenceId, long toSequenceNr);

    /// <summary>The offset of the last committed batch: the next batch moves the stored offset from exactly this one.</summary>
    public long Offset { get; private set; }

    /// <summary>Creates or checks the tables and reads the stored offset, from which the event stream starts.</summary>
    public async Task<long> StartAsync(CancellationToken cancellationToken = default)
    {
        await ReadModelSchema.EnsureAsync(store.Database, cancellationToken);
        Offset = await store.ReadOffsetAsync(cancellationToken);
        return Offset;
    }

    public async Task<BatchApplied> ApplyAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var rows = new RowChanges();
        var folded = new Dictionary<string, FoldedDeployment>(StringComparer.Ordinal);
        var offset = Offset;
        var skipped = new List<string>();
        foreach (var envelope in batch)
        {
            offset = envelope.Offset is Sequence sequence
                ? sequence.Value
                : throw new InvalidOperationException($"the read journal gave offset {envelope.Offset} for {envelope.PersistenceId}/{envelope.SequenceNr}: the projection needs Sequence offsets");
            if (!envelope.PersistenceId.StartsWith(PersistenceIdPrefix, StringComparison.Ordinal) || envelope.Event is not IDeploymentEvent @event)
            {
                skipped.Add($"{envelope.PersistenceId}/{envelope.SequenceNr} ({envelope.Event.GetType().Name})");
                continue;
            }
            var id = envelope.PersistenceId[PersistenceIdPrefix.Length..];
            var before = folded.GetValueOrDefault(id) ?? running.GetValueOrDefault(id);
            if (before is null || before.SequenceNr != envelope.SequenceNr - 1)
                before = await FoldJournalAsync(id, envelope.SequenceNr - 1);
            folded[id] = DeploymentProjection.Apply(before, @event, envelope.SequenceNr, offset, rows);
        }
        await store.WriteAsync(rows, Offset, offset, cancellationToken);
        // Only now is the batch the read model's: a failed write leaves the folded states as the table has them.
        Offset = offset;
        foreach (var (id, deployment) in folded)
        {
            // An ended deployment rarely has another event (a rollback of a failed one); it is folded again if it does.
            if (deployment.State.HasEnded)
                running.Remove(id);
            else
                running[id] = deployment;
        }
        metrics.BatchApplied(batch.Count, watch.Elapsed);
        return new BatchApplied(batch.Count, offset, skipped);
    }

    /// <summary>Empties the read model and forgets every folded deployment, so the next stream starts from offset 0.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await store.ResetAsync(cancellationToken);
        running.Clear();
        Offset = 0;
    }

    private async Task<FoldedDeployment> FoldJournalAsync(string deploymentId, long toSequenceNr)
    {
        var deployment = FoldedDeployment.Initial(deploymentId);
        if (toSequenceNr < 1)
            return deployment;
        foreach (var envelope in await replay(PersistenceIdPrefix + deploymentId, toSequenceNr))
        {
            if (envelope.Event is IDeploymentEvent @event)
                deployment = deployment.Then(@event, envelope.SequenceNr);
        }
        return deployment;
    }

    /// <summary>What one batch did: how many events it read, the offset it reached, and the events that were not deployment events.</summary>
    public sealed record BatchApplied(int Events, long Offset, IReadOnlyList<string> Skipped);
}
