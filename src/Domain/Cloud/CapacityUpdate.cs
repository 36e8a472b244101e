namespace AmiOrchestrator.Domain.Cloud;

/// <summary>Absolute sizes for UpdateAutoScalingGroup; a null field is left as it is. Absolute values make a repeat harmless.</summary>
public sealed record CapacityUpdate(int? MinSize, int? DesiredCapacity, int? MaxSize);
