using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator;

/// <summary>
/// An AMI. <see cref="BootSeconds"/> is how long its instances take to boot (Pending); <see cref="NeverHealthy"/> makes
/// them go InService but fail every load-balancer health check, which Auto Scaling acts on only with ELB health checks.
/// </summary>
public sealed record ImageFixture
{
    public required string ImageId { get; init; }

    /// <summary>Defaults to the image id.</summary>
    public string? Name { get; init; }

    /// <summary>Defaults to the account of the region the image is loaded into.</summary>
    public string? OwnerId { get; init; }

    /// <summary>Defaults to the time the fixture is loaded.</summary>
    public DateTimeOffset? CreationDate { get; init; }

    public string State { get; init; } = "available";

    public string Architecture { get; init; } = "x86_64";

    public string? Description { get; init; }

    public bool IsPublic { get; init; }

    public ValueMap Tags { get; init; } = ValueMap.Empty;

    public int BootSeconds { get; init; } = 20;

    public bool NeverHealthy { get; init; }
}
