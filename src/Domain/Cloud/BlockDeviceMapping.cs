namespace AmiOrchestrator.Domain.Cloud;

/// <summary>A block device of a launch configuration or template (Harness dropped these when it copied a configuration).</summary>
public sealed record BlockDeviceMapping
{
    public required string DeviceName { get; init; }
    public string? VirtualName { get; init; }
    public bool? NoDevice { get; init; }
    public string? SnapshotId { get; init; }
    public int? VolumeSize { get; init; }
    public string? VolumeType { get; init; }
    public bool? DeleteOnTermination { get; init; }
    public bool? Encrypted { get; init; }
    public int? Iops { get; init; }
    public int? Throughput { get; init; }
}
