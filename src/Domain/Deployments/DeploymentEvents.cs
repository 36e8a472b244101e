using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Deployments;

// The deployment's events, kept together because they are one protocol: Evolve in Deployment.cs gives each its meaning.

/// <summary>A valid spec was accepted under this id; the deployment waits for its lineage.</summary>
public sealed record DeploymentSubmitted(string DeploymentId, DeploymentSpec Spec, string SubmittedBy, DateTimeOffset At) : IDeploymentEvent;

/// <summary>The lineage let the deployment run; it carries the highest revision the lineage ever used.</summary>
public sealed record DeploymentStarted(int HighestRevisionEver, DateTimeOffset At) : IDeploymentEvent;

/// <summary>Setup's plan and the program of steps that carries it out, recorded before any change.</summary>
public sealed record SetupPlanned(SetupPlan Plan, ValueList<PlannedStep> Steps, DateTimeOffset At) : IDeploymentEvent;

/// <summary>A step was started (persisted before it is sent), with its absolute deadline.</summary>
public sealed record StepStarted(PlannedStep Step, DateTimeOffset? Deadline, DateTimeOffset At) : IDeploymentEvent;

/// <summary>A step finished well, with what it observed when later decisions need it.</summary>
public sealed record StepSucceeded(string StepId, StepResult? Result, string? Detail, DateTimeOffset At) : IDeploymentEvent;

/// <summary>A step failed; for a tolerated step (setup's clean-up) this is only a warning.</summary>
public sealed record StepFailed(string StepId, StepFailure Failure, DateTimeOffset At) : IDeploymentEvent;

/// <summary>
/// An abort or rollback was asked for. A change in progress finishes first; a read-only step in progress (a wait
/// or a gate) is cancelled by this same event (<see cref="CancelledStepId"/>), so the two can never be split by a crash.
/// </summary>
public sealed record InterruptRequested(InterruptKind Kind, string By, string Reason, string? CancelledStepId, DateTimeOffset At) : IDeploymentEvent;

/// <summary>Rollback began (attempt n) with its steps, planned from what the deployment had touched.</summary>
public sealed record RollbackStarted(int Attempt, string Reason, ValueList<PlannedStep> Steps, DateTimeOffset At) : IDeploymentEvent;

/// <summary>A rollback of an ended (failed or aborted) deployment was asked for; it waits to hold its lineage again.</summary>
public sealed record RollbackRequested(string By, string Reason, DateTimeOffset At) : IDeploymentEvent;

/// <summary>The lineage refused the rollback (a later deployment has run since).</summary>
public sealed record RollbackDenied(string Reason, DateTimeOffset At) : IDeploymentEvent;

/// <summary>Every step succeeded.</summary>
public sealed record DeploymentSucceeded(DateTimeOffset At) : IDeploymentEvent;

/// <summary>The deployment failed and was not (or could not usefully be) rolled back.</summary>
public sealed record DeploymentFailed(string Reason, ValueList<SpecProblem> Problems, DateTimeOffset At) : IDeploymentEvent;

/// <summary>The deployment was stopped where it stood.</summary>
public sealed record DeploymentAborted(string By, string Reason, DateTimeOffset At) : IDeploymentEvent;

/// <summary>Every rollback step succeeded.</summary>
public sealed record DeploymentRolledBack(DateTimeOffset At) : IDeploymentEvent;

/// <summary>A rollback step failed; what remains can be retried by another rollback request.</summary>
public sealed record RollbackFailed(string Reason, DateTimeOffset At) : IDeploymentEvent;
