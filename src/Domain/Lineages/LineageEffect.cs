namespace AmiOrchestrator.Domain.Lineages;

// What Lineage.Decide asks the world to do once its events are persisted.

/// <summary>An effect of <see cref="Lineage.Decide"/>.</summary>
public abstract record LineageEffect(string DeploymentId);

/// <summary>Tell the deployment it may go (answered to it as <see cref="Deployments.LineageGranted"/>).</summary>
public sealed record GrantTurn(string DeploymentId, string LineageId, int HighestRevisionEver) : LineageEffect(DeploymentId);

/// <summary>Tell the deployment it will not get the lineage (answered to it as <see cref="Deployments.LineageDenied"/>).</summary>
public sealed record RefuseTurn(string DeploymentId, string Reason) : LineageEffect(DeploymentId);

/// <summary>Where the deployment stands: running (position 0) or waiting at a 1-based position.</summary>
public sealed record QueuePosition(string DeploymentId, int Position, string? Running) : LineageEffect(DeploymentId);
