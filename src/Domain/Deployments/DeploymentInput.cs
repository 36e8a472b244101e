using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// An input to <see cref="Deployment.Decide"/>: operators' commands, the lineage's answers, step outcomes, and
/// recovery after a restart. Every input carries the time it happened, so decisions never read a clock. The inputs
/// are nested here, so names such as <c>Submit</c>, <c>Abort</c> and <c>Recover</c> never clash with Akka's or the
/// host's own.
/// </summary>
public abstract record DeploymentInput(DateTimeOffset At)
{
    /// <summary>Submit a deployment under this id.</summary>
    public sealed record Submit(string DeploymentId, DeploymentSpec Spec, string SubmittedBy, DateTimeOffset At) : DeploymentInput(At);

    /// <summary>The lineage is this deployment's to change now (a grant the deployment no longer needs is given back).</summary>
    public sealed record LineageGranted(string LineageId, int HighestRevisionEver, DateTimeOffset At) : DeploymentInput(At);

    /// <summary>The lineage will not be this deployment's again (only answers a rollback of an ended deployment).</summary>
    public sealed record LineageDenied(string Reason, DateTimeOffset At) : DeploymentInput(At);

    /// <summary>A step ended: success when <see cref="Failure"/> is null.</summary>
    public sealed record StepOutcome(string StepId, StepResult? Result, StepFailure? Failure, string? Detail, DateTimeOffset At) : DeploymentInput(At)
    {
        public static StepOutcome Succeeded(string stepId, DateTimeOffset at, StepResult? result = null, string? detail = null) =>
            new(stepId, result, null, detail, at);

        public static StepOutcome Failed(string stepId, StepFailure failure, DateTimeOffset at) => new(stepId, null, failure, null, at);
    }

    /// <summary>
    /// Let a deployment waiting for approval carry on. <see cref="GateStepId"/>, when given, names the gate approved,
    /// so a stale or repeated approval of an earlier gate cannot pass a later one.
    /// </summary>
    public sealed record Approve(string By, DateTimeOffset At, string? GateStepId = null) : DeploymentInput(At);

    /// <summary>Refuse a deployment waiting for approval (at the gate named, when one is).</summary>
    public sealed record Reject(string By, string Reason, DateTimeOffset At, string? GateStepId = null) : DeploymentInput(At);

    /// <summary>Roll the deployment back.</summary>
    public sealed record RequestRollback(string By, string Reason, DateTimeOffset At) : DeploymentInput(At);

    /// <summary>Stop the deployment after the change in progress and leave everything as it is.</summary>
    public sealed record Abort(string By, string Reason, DateTimeOffset At) : DeploymentInput(At);

    /// <summary>The deployment's state was just rebuilt from its journal: resend what was in flight and carry on.</summary>
    public sealed record Recover(DateTimeOffset At) : DeploymentInput(At);
}
