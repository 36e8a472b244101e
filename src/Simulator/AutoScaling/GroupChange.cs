using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>The fields an UpdateAutoScalingGroup call sets; null leaves a field as it is.</summary>
internal sealed record GroupChange
{
    public LaunchTemplateSpec? LaunchTemplate { get; init; }

    public MixedInstancesPolicy? MixedInstancesPolicy { get; init; }

    public string? LaunchConfigurationName { get; init; }

    public int? MinSize { get; init; }

    public int? MaxSize { get; init; }

    public int? DesiredCapacity { get; init; }

    public int? DefaultCooldown { get; init; }

    public IReadOnlyList<string>? AvailabilityZones { get; init; }

    public string? VpcZoneIdentifier { get; init; }

    public string? HealthCheckType { get; init; }

    public int? HealthCheckGracePeriod { get; init; }

    public string? PlacementGroup { get; init; }

    public IReadOnlyList<string>? TerminationPolicies { get; init; }

    public bool? NewInstancesProtectedFromScaleIn { get; init; }

    public bool? CapacityRebalance { get; init; }

    public int? MaxInstanceLifetime { get; init; }

    public int? DefaultInstanceWarmup { get; init; }

    public string? Context { get; init; }

    public string? DesiredCapacityType { get; init; }
}
