namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>A group's min, desired and max from a moment on.</summary>
internal sealed record CapacityRecord(DateTimeOffset At, int MinSize, int DesiredCapacity, int MaxSize);
