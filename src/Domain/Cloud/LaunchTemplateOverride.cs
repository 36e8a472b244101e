using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// One override of a mixed-instances group's launch template, kept losslessly as its Query parameters relative to
/// the override (<c>InstanceType</c>, <c>WeightedCapacity</c>, <c>InstanceRequirements.VCpuCount.Min</c>,
/// <c>LaunchTemplateSpecification.LaunchTemplateId</c>, …). Attribute-based selection and per-override templates
/// are copied to a new group exactly as the base group has them, like <see cref="ScalingPolicy"/> parameters.
/// </summary>
public sealed record LaunchTemplateOverride(ValueMap Parameters)
{
    public string? InstanceType => Parameters.GetValueOrDefault("InstanceType");

    public static LaunchTemplateOverride ForInstanceType(string instanceType, string? weightedCapacity = null) =>
        new(weightedCapacity is null
            ? ValueMap.Of(("InstanceType", instanceType))
            : ValueMap.Of(("InstanceType", instanceType), ("WeightedCapacity", weightedCapacity)));
}
