using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>The environment deployed to; its variables override the service's.</summary>
public sealed record EnvironmentSpec
{
    public string Name { get; init; } = "";
    public ValueMap Variables { get; init; } = ValueMap.Empty;
}
