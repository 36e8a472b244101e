using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// One deployment as the read model holds it (a row of <c>deployment_summary</c>): what it deploys, where it stands, and
/// the journal position it reflects. Times are the events' own, kept to the microsecond, in UTC.
/// </summary>
public sealed record DeploymentSummary
{
    public required string DeploymentId { get; init; }

    /// <summary>The infrastructure definition id, which names the lineage.</summary>
    public required string LineageId { get; init; }

    public required string Service { get; init; }
    public required string Environment { get; init; }
    public required StrategyType Strategy { get; init; }
    public required DeploymentStatus Status { get; init; }

    /// <summary>
    /// The phase of the forward step running (or of the last one run): 0 is setup, 1..n the deploy phases, n+1
    /// Blue/Green's swap. Null until a step has started.
    /// </summary>
    public int? Phase { get; init; }

    /// <summary>The highest phase of the planned program (so a Blue/Green swap counts as a phase); null until setup is planned.</summary>
    public int? PhaseCount { get; init; }

    public string? CurrentStepId { get; init; }

    /// <summary>The action of the step running (<c>resize</c>, <c>wait-steady</c>, <c>approval</c>...).</summary>
    public string? CurrentAction { get; init; }

    public string? NewAsg { get; init; }
    public string? PreviousAsg { get; init; }
    public required string SubmittedBy { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? FailureReason { get; init; }
    public required int WarningCount { get; init; }

    /// <summary>The sequence number, in the deployment's own journal, of the last event reflected here.</summary>
    public required long LastSequenceNr { get; init; }

    /// <summary>The journal offset (its <c>ordering</c>) of the last event reflected here.</summary>
    public required long LastOffset { get; init; }

    /// <summary>When the last event reflected here happened.</summary>
    public required DateTimeOffset LastChangedAt { get; init; }
}
