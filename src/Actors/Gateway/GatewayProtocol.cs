using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.Gateway;

/// <summary>
/// The commands the platform sends the engine (through ClusterClient, or in the node), and the two answers each gets.
/// Every command is idempotent by deployment id: a client that hears nothing (ClusterClient delivers at most once)
/// sends the same command again.
/// </summary>
public static class GatewayProtocol
{
    /// <summary>Deploy <see cref="SpecJson"/> (the spec as text) or <see cref="Spec"/> (as an object), exactly one, under the client's id.</summary>
    public sealed record Submit(string DeploymentId, string SubmittedBy, string? SpecJson = null, DeploymentSpec? Spec = null);

    public sealed record Rollback(string DeploymentId, string By, string Reason);

    public sealed record Abort(string DeploymentId, string By, string Reason);

    /// <summary>Let the deployment past the gate that waits; <see cref="GateStepId"/>, when given, names that gate.</summary>
    public sealed record Approve(string DeploymentId, string By, string? GateStepId = null);

    public sealed record Reject(string DeploymentId, string By, string Reason, string? GateStepId = null);

    /// <summary>The command was taken: the deployment's status after it, and its place in the lineage's queue when it waits.</summary>
    public sealed record Accepted(string DeploymentId, DeploymentStatus Status, string Message, int? QueuePosition = null);

    /// <summary>
    /// The command was refused, with every problem (each naming its field) or the reason. <see cref="Retryable"/> says
    /// the engine could not answer in time: nothing is known to have happened, and the same command may be sent again.
    /// </summary>
    public sealed record Rejected(string DeploymentId, string Reason, ValueList<SpecProblem> Problems, bool Retryable = false);
}
