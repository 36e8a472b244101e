namespace AmiOrchestrator.Domain.Cloud;

/// <summary>One instance type a mixed-instances group may launch, with its capacity weight.</summary>
public sealed record InstanceTypeOverride(string InstanceType, string? WeightedCapacity = null);
