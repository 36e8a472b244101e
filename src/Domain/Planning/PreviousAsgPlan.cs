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
    public ValueList<string> TargetGroups { get; init; } = ValueList<string>.Empty;
    public ValueList<string> LoadBalancers { get; init; } = ValueList<string>.Empty;
}
