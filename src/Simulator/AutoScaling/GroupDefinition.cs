using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// Everything a new group is created with, whether it came from CreateAutoScalingGroup or from a fixture; both go
/// through the same validation in <see cref="GroupFactory"/>.
/// </summary>
internal sealed record GroupDefinition
{
    public required string Name { get; init; }

    public LaunchTemplateSpec? LaunchTemplate { get; init; }

    public MixedInstancesPolicy? MixedInstancesPolicy { get; init; }

    public string? LaunchConfigurationName { get; init; }

    public string? InstanceId { get; init; }

    public required int MinSize { get; init; }

    public required int MaxSize { get; init; }

    public int? DesiredCapacity { get; init; }

    public int? DefaultCooldown { get; init; }

    public IReadOnlyList<string> AvailabilityZones { get; init; } = [];

    public string? VpcZoneIdentifier { get; init; }

    public IReadOnlyList<string> LoadBalancerNames { get; init; } = [];

    public IReadOnlyList<string> TargetGroupArns { get; init; } = [];

    public string? HealthCheckType { get; init; }

    public int? HealthCheckGracePeriod { get; init; }

    public string? PlacementGroup { get; init; }

    public IReadOnlyList<string> TerminationPolicies { get; init; } = [];

    public bool? NewInstancesProtectedFromScaleIn { get; init; }

    public bool? CapacityRebalance { get; init; }

    public IReadOnlyList<LifecycleHook> LifecycleHooks { get; init; } = [];

    public IReadOnlyList<AsgTag> Tags { get; init; } = [];

    public string? ServiceLinkedRoleArn { get; init; }

    public int? MaxInstanceLifetime { get; init; }

    public int? DefaultInstanceWarmup { get; init; }

    public string? Context { get; init; }

    public string? DesiredCapacityType { get; init; }

    /// <summary>When the group was created; the time of the call when null (fixtures may date a group in the past).</summary>
    public DateTimeOffset? CreatedTime { get; init; }
}
