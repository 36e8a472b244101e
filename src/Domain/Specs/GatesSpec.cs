using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// Checks after a phase reaches steady state, run in this order: bake (watching <see cref="Alarms"/>, which must
/// stay OK throughout), the HTTP check, then manual approval.
/// </summary>
public sealed record GatesSpec
{
    public Duration? BakeTime { get; init; }
    public ValueList<string> Alarms { get; init; } = ValueList<string>.Empty;
    public HttpCheckSpec? HttpCheck { get; init; }
    public bool ManualApproval { get; init; }

    /// <summary>How long an approval may wait before the deployment fails; none = wait indefinitely.</summary>
    public Duration? ApprovalTimeout { get; init; }
}
