namespace AmiOrchestrator.Simulator.LoadBalancing;

/// <summary>An ELBv2 target group of the simulated region and the instances registered with it.</summary>
internal sealed class TargetGroupRecord
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public int Port { get; init; } = 80;

    public string Protocol { get; init; } = "HTTP";

    public string VpcId { get; init; } = "vpc-0123456789abcdef0";

    public string HealthCheckPath { get; init; } = "/";

    public required TargetRegistrations Targets { get; init; }
}
