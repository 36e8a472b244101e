using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// Where the service runs: the infrastructure definition whose id names the lineage, the region, the base group
/// used as a template, the account role, and the load balancing (stage routes only for Blue/Green).
/// </summary>
public sealed record InfrastructureSpec
{
    public string Id { get; init; } = "";
    public string Region { get; init; } = "";
    public string BaseAsg { get; init; } = "";
    public string? RoleArn { get; init; }
    public ValueList<string> TargetGroups { get; init; } = ValueList<string>.Empty;
    public ValueList<string> StageTargetGroups { get; init; } = ValueList<string>.Empty;
    public ValueList<string> LoadBalancers { get; init; } = ValueList<string>.Empty;
    public ValueList<string> StageLoadBalancers { get; init; } = ValueList<string>.Empty;
    public LineageTagMode LineageTag { get; init; } = LineageTagMode.Ours;
}
