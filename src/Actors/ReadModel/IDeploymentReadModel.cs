namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// Reads the tables the projection keeps: what the query actors and the HTTP API answer from. Any node can read
/// them (they live in the journal's database), whichever node runs the projection.
/// </summary>
public interface IDeploymentReadModel
{
    /// <summary>A page of deployments, or the query's problems, each naming its field.</summary>
    Task<DeploymentListResult> ListAsync(DeploymentListQuery query, CancellationToken cancellationToken = default);

    /// <summary>One deployment with its step timeline and warnings, or null when there is none of that id.</summary>
    Task<DeploymentDetail?> GetAsync(string deploymentId, CancellationToken cancellationToken = default);

    /// <summary>A lineage's groups, revisions and capacities over time (no groups for a lineage not seen).</summary>
    Task<LineageHistory> GetLineageAsync(string lineageId, CancellationToken cancellationToken = default);

    /// <summary>The projection's offset and how far it is behind the journal.</summary>
    Task<ProjectionStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
