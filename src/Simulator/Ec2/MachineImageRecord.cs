using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator.Ec2;

/// <summary>
/// An AMI of the simulated region, with the two simulation knobs: how long its instances take to boot, and whether
/// they never pass health checks.
/// </summary>
internal sealed record MachineImageRecord
{
    public required string ImageId { get; init; }

    public required string Name { get; init; }

    public required string OwnerId { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public string State { get; init; } = "available";

    public string Architecture { get; init; } = "x86_64";

    public string? Description { get; init; }

    public bool IsPublic { get; init; }

    public ValueMap Tags { get; init; } = ValueMap.Empty;

    public TimeSpan BootTime { get; init; } = TimeSpan.FromSeconds(20);

    public bool NeverHealthy { get; init; }
}
