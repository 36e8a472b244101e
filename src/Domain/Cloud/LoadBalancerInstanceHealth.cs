namespace AmiOrchestrator.Domain.Cloud;

/// <summary>An instance's state behind a classic load balancer: InService, OutOfService or Unknown.</summary>
public sealed record LoadBalancerInstanceHealth(string InstanceId, string State)
{
    public bool IsInService => State == "InService";
}
