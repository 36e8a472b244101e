namespace AmiOrchestrator.Simulator;

/// <summary>A classic load balancer; registered instances are InService <see cref="HealthySeconds"/> after they are.</summary>
public sealed record LoadBalancerFixture
{
    public required string Name { get; init; }

    public int HealthySeconds { get; init; } = 10;
}
