namespace AmiOrchestrator.Domain.Cloud;

/// <summary>One instance of a group as Auto Scaling reports it (LifecycleState e.g. Pending, InService; HealthStatus Healthy or Unhealthy).</summary>
public sealed record AsgInstance(
    string InstanceId,
    string LifecycleState,
    string HealthStatus,
    string? AvailabilityZone = null,
    string? LaunchTemplateVersion = null)
{
    public bool IsInServiceAndHealthy =>
        LifecycleState == "InService" && string.Equals(HealthStatus, "Healthy", StringComparison.OrdinalIgnoreCase);
}
