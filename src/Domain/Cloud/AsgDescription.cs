using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>What DescribeAutoScalingGroups says about one group, in the fields the engine reads or copies.</summary>
public sealed record AsgDescription
{
    public required string Name { get; init; }
    public string? Arn { get; init; }
    public LaunchTemplateSpec? LaunchTemplate { get; init; }
    public MixedInstancesPolicy? MixedInstancesPolicy { get; init; }
    public string? LaunchConfigurationName { get; init; }
    public int MinSize { get; init; }
    public int MaxSize { get; init; }
    public int DesiredCapacity { get; init; }
    public int DefaultCooldown { get; init; } = 300;
    public ValueList<string> AvailabilityZones { get; init; } = ValueList<string>.Empty;
    public string? VpcZoneIdentifier { get; init; }
    public string HealthCheckType { get; init; } = "EC2";
    public int HealthCheckGracePeriod { get; init; }
    public ValueList<string> TargetGroupArns { get; init; } = ValueList<string>.Empty;
    public ValueList<string> LoadBalancerNames { get; init; } = ValueList<string>.Empty;
    public ValueList<AsgInstance> Instances { get; init; } = ValueList<AsgInstance>.Empty;
    public DateTimeOffset CreatedTime { get; init; }
    public ValueList<AsgTag> Tags { get; init; } = ValueList<AsgTag>.Empty;
    public ValueList<string> TerminationPolicies { get; init; } = ValueList<string>.Empty;
    public bool NewInstancesProtectedFromScaleIn { get; init; }
    public string? PlacementGroup { get; init; }
    public bool CapacityRebalance { get; init; }
    public int? MaxInstanceLifetime { get; init; }
    public int? DefaultInstanceWarmup { get; init; }
    public ValueList<string> SuspendedProcesses { get; init; } = ValueList<string>.Empty;

    /// <summary>Set only while a delete is in progress ("Delete in progress").</summary>
    public string? Status { get; init; }

    public string? TagValue(string key) =>
        Tags.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal))?.Value;
}
