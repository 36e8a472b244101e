using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// What <see cref="Deployment.Decide"/> asks the world to do once its events are persisted. Effects are data; the
/// actor performs them. They are nested here so their names (<c>Reply</c>, <c>RunStep</c>) stay in their protocol.
/// </summary>
public abstract record DeploymentEffect
{
    /// <summary>Run this started step (again, after a restart) and report a <see cref="DeploymentInput.StepOutcome"/> by its deadline.</summary>
    public sealed record RunStep(StepStarted Step) : DeploymentEffect;

    /// <summary>Stop a read-only step in progress; any outcome it still reports is ignored.</summary>
    public sealed record CancelStep(string StepId) : DeploymentEffect;

    /// <summary>
    /// Ask the lineage for its turn (FIFO), or, for a rollback of an ended deployment, to have it back; answered with
    /// <see cref="DeploymentInput.LineageGranted"/> or <see cref="DeploymentInput.LineageDenied"/>.
    /// </summary>
    public sealed record RequestLineage(string LineageId, string DeploymentId, bool ForRollback = false) : DeploymentEffect;

    /// <summary>Give the lineage back (idempotent), recording the highest revision this deployment used.</summary>
    public sealed record ReleaseLineage(string LineageId, string DeploymentId, int HighestRevisionUsed) : DeploymentEffect;

    /// <summary>Answer the command's sender.</summary>
    public sealed record Reply(CommandReply Answer) : DeploymentEffect;
}

/// <summary>A command's answer: accepted (with the deployment's status), or rejected with the reason and any spec problems.</summary>
public sealed record CommandReply(string DeploymentId, bool Accepted, DeploymentStatus Status, string Message, ValueList<SpecProblem> Problems);
