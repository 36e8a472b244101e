using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>
/// Setup's decisions, made once from the inventory and recorded before any change, never re-planned on replay:
/// the revision and name, the image and launch template, the final capacity, the previous group and its
/// pre-setup state, the clean-up, and each phase's targets.
/// </summary>
public sealed record SetupPlan
{
    public required int Revision { get; init; }
    public required string NewAsgName { get; init; }
    public required string ImageId { get; init; }
    public required LaunchTemplatePlan LaunchTemplate { get; init; }

    /// <summary>The rendered user data, base64, that the new launch template version carries (null: inherit the base's).</summary>
    public string? UserDataBase64 { get; init; }
    public required CapacityNumbers FinalCapacity { get; init; }

    /// <summary>The new group as it is created (min 0, desired 0, max final), its launch template version still unset.</summary>
    public required CreateAsgRequest NewAsg { get; init; }

    public PreviousAsgPlan? Previous { get; init; }
    public required OlderAsgCleanup Cleanup { get; init; }

    /// <summary>The base group's policies and scheduled actions, rewritten for the new group, attached when it reaches 100%.</summary>
    public ValueList<ScalingPolicy> NewAsgPolicies { get; init; } = ValueList<ScalingPolicy>.Empty;

    /// <summary>
    /// Copies of the alarms that drive the base group's step and simple policies, for the new group
    /// (<see cref="PolicyAlarms.ForNewGroup"/>), put right after its policies. Empty in plans recorded before alarms were carried.
    /// </summary>
    public ValueList<MetricAlarm> NewAsgAlarms { get; init; } = ValueList<MetricAlarm>.Empty;

    public ValueList<ScheduledAction> NewAsgScheduledActions { get; init; } = ValueList<ScheduledAction>.Empty;
    public required ValueList<PhasePlan> Phases { get; init; }

    /// <summary>What the plan does that an operator should know about but that does not stop it (recorded on the deployment).</summary>
    public ValueList<string> Warnings { get; init; } = ValueList<string>.Empty;
}
