using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// Everything known about one deployment, built only by folding its events with <see cref="Deployment.Evolve"/>,
/// live and on replay alike. Immutable, with structural equality, so a replayed state can be compared to the live one.
/// </summary>
public sealed record DeploymentState
{
    public required string DeploymentId { get; init; }
    public DeploymentStatus Status { get; init; } = DeploymentStatus.New;
    public DeploymentSpec? Spec { get; init; }
    public string? SubmittedBy { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public int HighestRevisionEver { get; init; }
    public SetupPlan? Plan { get; init; }

    /// <summary>The forward program: discovery, then what setup planned.</summary>
    public ValueList<PlannedStep> Steps { get; init; } = ValueList<PlannedStep>.Empty;

    /// <summary>Index in <see cref="Steps"/> of the next forward step to start (or of the one that failed).</summary>
    public int NextStep { get; init; }

    public ValueList<PlannedStep> RollbackSteps { get; init; } = ValueList<PlannedStep>.Empty;
    public int NextRollbackStep { get; init; }
    public int RollbackAttempt { get; init; }

    /// <summary>The step started and not yet ended; at most one runs at a time.</summary>
    public StepStarted? InFlight { get; init; }

    /// <summary>What discovery found; kept so that planning can be redone if a crash fell between discovery and its plan.</summary>
    public SetupInventory? Inventory { get; init; }

    public LaunchTemplateVersionCreated? NewLaunchTemplate { get; init; }

    /// <summary>A step failure not yet acted on (rollback, fail or abort); decided by the next <see cref="Deployment.Decide"/>.</summary>
    public StepFailed? PendingFailure { get; init; }

    /// <summary>Groups on which a change was started, in order: rollback restores or removes exactly these.</summary>
    public ValueList<string> TouchedAsgs { get; init; } = ValueList<string>.Empty;

    public InterruptRequested? Interrupt { get; init; }
    public RollbackRequested? PendingRollback { get; init; }
    public ValueList<string> Warnings { get; init; } = ValueList<string>.Empty;
    public string? FailureReason { get; init; }
    public ValueList<SpecProblem> Problems { get; init; } = ValueList<SpecProblem>.Empty;

    public static DeploymentState Initial(string deploymentId) => new() { DeploymentId = deploymentId };

    public bool IsRunning => Status is DeploymentStatus.SettingUp or DeploymentStatus.Deploying
        or DeploymentStatus.AwaitingApproval or DeploymentStatus.Swapping or DeploymentStatus.RollingBack;

    /// <summary>True once nothing more happens unless an operator asks (a rollback of a failed or aborted deployment).</summary>
    public bool HasEnded => Status is DeploymentStatus.Succeeded or DeploymentStatus.RolledBack
        or DeploymentStatus.Failed or DeploymentStatus.Aborted or DeploymentStatus.RollbackFailed;

    public string LineageId => Spec?.Infrastructure.Id ?? "";
}
