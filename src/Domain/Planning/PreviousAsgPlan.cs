using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>The previous group and its pre-setup state, which rollback restores.</summary>
public sealed record PreviousAsgPlan
{
    public required string Name { get; init; }
    public required int MinSize { get; init; }
    public required int DesiredCapacity { get; init; }
    public required int MaxSize { get; init; }
    public ValueList<ScalingPolicy> Policies { get; init; } = ValueList<ScalingPolicy>.Empty;

    /// <summary>
    /// The alarms that drove its step and simple policies before setup (<see cref="PolicyAlarms.ForRestore"/>), put back
    /// right after the policies when rollback restores them. Empty in plans recorded before alarms were carried.
    /// </summary>
    public ValueList<MetricAlarm> Alarms { get; init; } = ValueList<MetricAlarm>.Empty;

    /// <summary>
    /// Its scheduled actions before setup, put back by rollback. Empty in plans recorded before they were carried,
    /// whose setup left them in place.
    /// </summary>
    public ValueList<ScheduledAction> ScheduledActions { get; init; } = ValueList<ScheduledAction>.Empty;
    public ValueList<string> TargetGroups { get; init; } = ValueList<string>.Empty;
    public ValueList<string> LoadBalancers { get; init; } = ValueList<string>.Empty;
}
