namespace AmiOrchestrator.Domain.Lineages;

// What Lineage.Decide reacts to: deployments asking for their turn and giving it back.

/// <summary>An input to <see cref="Lineage.Decide"/>.</summary>
public abstract record LineageInput(string DeploymentId, DateTimeOffset At);

/// <summary>A deployment wants its turn (idempotent: asking again changes nothing).</summary>
public sealed record AskForTurn(string DeploymentId, DateTimeOffset At) : LineageInput(DeploymentId, At);

/// <summary>An ended deployment wants the lineage back to roll back.</summary>
public sealed record AskForRollbackTurn(string DeploymentId, DateTimeOffset At) : LineageInput(DeploymentId, At);

/// <summary>A deployment is done with the lineage (idempotent).</summary>
public sealed record GiveBack(string DeploymentId, int HighestRevisionUsed, DateTimeOffset At) : LineageInput(DeploymentId, At);
