namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// The final size of the new group: fixed numbers, or the running previous group's (with a fallback for a
/// lineage that has none running).
/// </summary>
public sealed record CapacitySpec
{
    public CapacityMode Mode { get; init; } = CapacityMode.Fixed;
    public int? Min { get; init; }
    public int? Desired { get; init; }
    public int? Max { get; init; }
    public CapacityNumbers? Fallback { get; init; }
}
