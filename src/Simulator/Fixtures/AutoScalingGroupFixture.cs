using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator;

/// <summary>
/// A group that exists when the simulation starts. Its <see cref="DesiredCapacity"/> instances are already running,
/// InService and healthy (an existing lineage), without launch activities. Policies, scheduled actions and lifecycle
/// hooks take the Domain shapes.
/// </summary>
public sealed record AutoScalingGroupFixture
{
    public required string Name { get; init; }

    public LaunchTemplateSpec? LaunchTemplate { get; init; }

    public string? LaunchConfigurationName { get; init; }

    public MixedInstancesPolicy? MixedInstancesPolicy { get; init; }

    public int MinSize { get; init; }

    public int MaxSize { get; init; }

    public int DesiredCapacity { get; init; }

    public string? VpcZoneIdentifier { get; init; }

    public ValueList<string> AvailabilityZones { get; init; } = ValueList<string>.Empty;

    public string HealthCheckType { get; init; } = "EC2";

    public int HealthCheckGracePeriod { get; init; }

    public int DefaultCooldown { get; init; } = 300;

    public ValueList<string> TerminationPolicies { get; init; } = ValueList<string>.Empty;

    public int? MaxInstanceLifetime { get; init; }

    /// <summary>Defaults to the time the fixture is loaded.</summary>
    public DateTimeOffset? CreatedTime { get; init; }

    public ValueList<string> TargetGroupArns { get; init; } = ValueList<string>.Empty;

    public ValueList<string> LoadBalancerNames { get; init; } = ValueList<string>.Empty;

    public ValueList<AsgTag> Tags { get; init; } = ValueList<AsgTag>.Empty;

    public ValueList<ScalingPolicy> Policies { get; init; } = ValueList<ScalingPolicy>.Empty;

    public ValueList<ScheduledAction> ScheduledActions { get; init; } = ValueList<ScheduledAction>.Empty;

    public ValueList<LifecycleHook> LifecycleHooks { get; init; } = ValueList<LifecycleHook>.Empty;

    public ValueList<string> SuspendedProcesses { get; init; } = ValueList<string>.Empty;
}
