namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// The read model's messages, as the query actors and the cluster-client protocol carry them. Queries are answered
/// from <see cref="IDeploymentReadModel"/> on any node; <see cref="Rebuild"/> goes to the projection singleton through
/// its proxy (<see cref="ReadModelProjection"/>).
/// </summary>
public static class ReadModelProtocol
{
    /// <summary>A page of deployments; answered with a <see cref="DeploymentListResult"/>.</summary>
    public sealed record ListDeployments(DeploymentListQuery Query);

    /// <summary>One deployment with its timeline; answered with a <see cref="DeploymentFound"/>.</summary>
    public sealed record GetDeployment(string DeploymentId);

    /// <summary>The deployment asked for, or null when the read model has no deployment of that id.</summary>
    public sealed record DeploymentFound(string DeploymentId, DeploymentDetail? Deployment);

    /// <summary>A lineage's groups over time; answered with a <see cref="LineageHistory"/>.</summary>
    public sealed record GetLineage(string LineageId);

    /// <summary>
    /// How far the read model is behind the journal; answered with a <see cref="ProjectionStatus"/> by the query actors
    /// and by the projection itself (through <see cref="ReadModelProjection"/>), which answers it while it rebuilds too.
    /// </summary>
    public sealed record GetProjectionStatus
    {
        public static GetProjectionStatus Instance { get; } = new();
    }

    /// <summary>
    /// Empty the read model's tables and project the whole journal again (after a bug fix in the projection, say).
    /// Answered with <see cref="RebuildStarted"/> once the tables are empty; <see cref="GetProjectionStatus"/> follows the catch-up.
    /// </summary>
    public sealed record Rebuild(string RequestedBy);

    /// <summary>The tables are empty and the projection replays from offset 0; it has caught up once it passes <see cref="HeadOffset"/>.</summary>
    public sealed record RebuildStarted(long HeadOffset);
}
