using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// A group's mixed-instances policy: the launch template, the instance-type overrides and the on-demand/spot
/// distribution. A new group made from a base with such a policy keeps it, with the template version swapped.
/// </summary>
public sealed record MixedInstancesPolicy
{
    public required LaunchTemplateSpec LaunchTemplate { get; init; }
    public ValueList<LaunchTemplateOverride> Overrides { get; init; } = ValueList<LaunchTemplateOverride>.Empty;
    public string? OnDemandAllocationStrategy { get; init; }
    public int? OnDemandBaseCapacity { get; init; }
    public int? OnDemandPercentageAboveBaseCapacity { get; init; }
    public string? SpotAllocationStrategy { get; init; }
    public int? SpotInstancePools { get; init; }
    public string? SpotMaxPrice { get; init; }
}
