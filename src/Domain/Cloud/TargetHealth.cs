namespace AmiOrchestrator.Domain.Cloud;

/// <summary>A target's state in a target group: initial, healthy, unhealthy, unused, draining or unavailable.</summary>
public sealed record TargetHealth(string TargetId, string State, string? Reason = null)
{
    public bool IsHealthy => State == "healthy";
}
