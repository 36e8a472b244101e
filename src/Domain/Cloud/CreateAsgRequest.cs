using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>Everything CreateAutoScalingGroup is given for a new group; exactly one of LaunchTemplate and MixedInstancesPolicy is set.</summary>
public sealed record CreateAsgRequest
{
    public required string Name { get; init; }
    public LaunchTemplateSpec? LaunchTemplate { get; init; }
    public MixedInstancesPolicy? MixedInstancesPolicy { get; init; }
    public int MinSize { get; init; }
    public int MaxSize { get; init; }
    public int DesiredCapacity { get; init; }
    public int? DefaultCooldown { get; init; }
    public ValueList<string> AvailabilityZones { get; init; } = ValueList<string>.Empty;
    public string? VpcZoneIdentifier { get; init; }
    public string? HealthCheckType { get; init; }
    public int? HealthCheckGracePeriod { get; init; }
    public ValueList<string> TargetGroupArns { get; init; } = ValueList<string>.Empty;
    public ValueList<string> LoadBalancerNames { get; init; } = ValueList<string>.Empty;
    public ValueList<string> TerminationPolicies { get; init; } = ValueList<string>.Empty;
    public bool? NewInstancesProtectedFromScaleIn { get; init; }
    public string? PlacementGroup { get; init; }
    public bool? CapacityRebalance { get; init; }
    public int? MaxInstanceLifetime { get; init; }
    public int? DefaultInstanceWarmup { get; init; }
    public ValueList<LifecycleHook> LifecycleHooks { get; init; } = ValueList<LifecycleHook>.Empty;
    public ValueList<AsgTag> Tags { get; init; } = ValueList<AsgTag>.Empty;
}
