namespace AmiOrchestrator.Domain.Lineages;

// The lineage's events, kept together because they are one protocol: Lineage.Evolve gives each its meaning.

/// <summary>Marks the events of a lineage's journal (see <see cref="Deployments.IDeploymentEvent"/> on why events are forever).</summary>
public interface ILineageEvent
{
    DateTimeOffset At { get; }
}

/// <summary>A deployment joined the end of the queue.</summary>
public sealed record DeploymentAdmitted(string DeploymentId, DateTimeOffset At) : ILineageEvent;

/// <summary>A deployment (the head of the queue, or a rollback of the last one) may change the lineage now.</summary>
public sealed record LineageTaken(string DeploymentId, DateTimeOffset At) : ILineageEvent;

/// <summary>A deployment gave the lineage back (or left the queue) having used revisions up to the given one.</summary>
public sealed record LineageGivenBack(string DeploymentId, int HighestRevisionUsed, DateTimeOffset At) : ILineageEvent;
