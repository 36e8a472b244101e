namespace AmiOrchestrator.Simulator.LoadBalancing;

/// <summary>A classic load balancer of the simulated region and the instances registered with it.</summary>
internal sealed class ClassicLoadBalancerRecord
{
    public required string Name { get; init; }

    public required TargetRegistrations Instances { get; init; }
}
