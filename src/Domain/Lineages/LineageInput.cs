namespace AmiOrchestrator.Domain.Lineages;

/// <summary>
/// An input to <see cref="Lineage.Decide"/>: deployments asking for a place, for their turn, and giving it back.
/// Nested so that the names stay inside the lineage's protocol.
/// </summary>
public abstract record LineageInput(string DeploymentId, DateTimeOffset At)
{
    /// <summary>
    /// A deployment about to be recorded wants a place in the queue; answered with its position or refused when the
    /// queue is full, and never granted the turn itself (the deployment asks for that once it is recorded).
    /// Idempotent. The gateway asks this before a deployment records anything, so a full queue refuses a submission
    /// instead of accepting it only to fail later.
    /// </summary>
    public sealed record Admit(string DeploymentId, DateTimeOffset At) : LineageInput(DeploymentId, At);

    /// <summary>A deployment wants its turn (idempotent: asking again changes nothing).</summary>
    public sealed record AskForTurn(string DeploymentId, DateTimeOffset At) : LineageInput(DeploymentId, At);

    /// <summary>An ended deployment wants the lineage back to roll back.</summary>
    public sealed record AskForRollbackTurn(string DeploymentId, DateTimeOffset At) : LineageInput(DeploymentId, At);

    /// <summary>A deployment is done with the lineage (idempotent).</summary>
    public sealed record GiveBack(string DeploymentId, int HighestRevisionUsed, DateTimeOffset At) : LineageInput(DeploymentId, At);
}
