using System.Text.Json;

namespace AmiOrchestrator.Web.Api;

/// <summary>
/// Deploy <see cref="Spec"/> under <see cref="DeploymentId"/>. The id is the caller's: sending the same request again
/// (after a timeout, say) is answered with the first one's status and starts nothing new.
/// </summary>
public sealed record SubmitRequest(string? DeploymentId, string? SubmittedBy, JsonElement? Spec);

/// <summary>Let the deployment past the gate that waits; <see cref="GateStepId"/>, when given, must name that gate.</summary>
public sealed record ApproveRequest(string? By, string? GateStepId = null);

/// <summary>Refuse the gate that waits (the deployment rolls back, or fails when it does not roll back on failure).</summary>
public sealed record RejectRequest(string? By, string? Reason, string? GateStepId = null);

/// <summary>Who asks to roll back or abort, and why: both go on the deployment's record.</summary>
public sealed record InterruptRequest(string? By, string? Reason);

/// <summary>Who asks to rebuild the read model; it goes into the node's log.</summary>
public sealed record RebuildRequest(string? By);
