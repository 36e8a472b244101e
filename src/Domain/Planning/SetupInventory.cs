using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>
/// What setup found in the cloud before changing anything: the base group and how it launches, the AMI, the
/// lineage's groups, and the policies, schedules and hooks to copy or restore. The planner works only from this,
/// and it is recorded with the setup step, so the plan is explainable after the fact.
/// </summary>
public sealed record SetupInventory
{
    public required AsgDescription BaseAsg { get; init; }

    /// <summary>The base group's launch template version, resolved to a number (null when it runs on a launch configuration).</summary>
    public LaunchTemplateVersion? BaseLaunchTemplateVersion { get; init; }

    public LaunchConfiguration? BaseLaunchConfiguration { get; init; }
    public required MachineImage Image { get; init; }
    public ValueList<ScalingPolicy> BasePolicies { get; init; } = ValueList<ScalingPolicy>.Empty;
    public ValueList<ScheduledAction> BaseScheduledActions { get; init; } = ValueList<ScheduledAction>.Empty;
    public ValueList<LifecycleHook> BaseLifecycleHooks { get; init; } = ValueList<LifecycleHook>.Empty;

    /// <summary>Every group the lineage tag filter returned (the planner re-checks membership).</summary>
    public ValueList<AsgDescription> Lineage { get; init; } = ValueList<AsgDescription>.Empty;

    /// <summary>The group discovery took as previous (by <see cref="LineagePlanner.ChoosePrevious"/>) and whose policies it read.</summary>
    public string? PreviousAsgName { get; init; }

    public ValueList<ScalingPolicy> PreviousPolicies { get; init; } = ValueList<ScalingPolicy>.Empty;

    /// <summary>The previous group's scheduled actions, removed with its policies and restored by rollback.</summary>
    public ValueList<ScheduledAction> PreviousScheduledActions { get; init; } = ValueList<ScheduledAction>.Empty;

    /// <summary>
    /// The alarms that drive the base group's step and simple policies (DescribeAlarms of
    /// <see cref="PolicyAlarms.DrivingAlarmNames"/> of <see cref="BasePolicies"/>), copied for the new group.
    /// </summary>
    public ValueList<MetricAlarm> BaseAlarms { get; init; } = ValueList<MetricAlarm>.Empty;

    /// <summary>The alarms that drive the previous group's step and simple policies, restored with them by rollback.</summary>
    public ValueList<MetricAlarm> PreviousAlarms { get; init; } = ValueList<MetricAlarm>.Empty;

    /// <summary>
    /// What describing the name the new group will get (<see cref="SetupPlanner.NextAsgName"/>) returned: a group
    /// outside the lineage already holding it is a collision the planner refuses before anything is changed.
    /// </summary>
    public ValueList<AsgDescription> GroupsWithNewName { get; init; } = ValueList<AsgDescription>.Empty;
}
