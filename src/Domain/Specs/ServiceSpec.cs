using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>The service being deployed: its name, its AMI, and the user data its instances boot with.</summary>
public sealed record ServiceSpec
{
    public string Name { get; init; } = "";
    public AmiSpec Ami { get; init; } = new();

    /// <summary>Plain text; <c>${name}</c> is replaced by the variable's value (environment overrides win). Sent base64-encoded.</summary>
    public string? UserData { get; init; }

    public ValueMap Variables { get; init; } = ValueMap.Empty;
}
