namespace AmiOrchestrator.Domain.Lineages;

/// <summary>What <see cref="Lineage.Decide"/> asks the world to do once its events are persisted.</summary>
public abstract record LineageEffect(string DeploymentId)
{
    /// <summary>Tell the deployment it may go (answered to it as <see cref="Deployments.DeploymentInput.LineageGranted"/>).</summary>
    public sealed record GrantTurn(string DeploymentId, string LineageId, int HighestRevisionEver) : LineageEffect(DeploymentId);

    /// <summary>Tell the deployment it will not get the lineage (answered to it as <see cref="Deployments.DeploymentInput.LineageDenied"/>).</summary>
    public sealed record RefuseTurn(string DeploymentId, string Reason) : LineageEffect(DeploymentId);

    /// <summary>Where the deployment stands: running (position 0) or waiting at a 1-based position behind <see cref="Running"/>.</summary>
    public sealed record QueuePosition(string DeploymentId, int Position, string? Running) : LineageEffect(DeploymentId);

    /// <summary>
    /// The lineage no longer holds the deployment (answered to every give-back, a repeat included): a deployment gives
    /// the lineage back until it hears this, since a give-back lost in a crash would block the lineage for good.
    /// </summary>
    public sealed record Released(string DeploymentId) : LineageEffect(DeploymentId);
}
