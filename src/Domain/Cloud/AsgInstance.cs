namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// One instance of a group as Auto Scaling reports it (LifecycleState e.g. Pending, Pending:Wait, InService;
/// HealthStatus Healthy or Unhealthy), and whether it is protected from scale-in.
/// </summary>
public sealed record AsgInstance(
    string InstanceId,
    string LifecycleState,
    string HealthStatus,
    string? AvailabilityZone = null,
    string? LaunchTemplateVersion = null,
    bool ProtectedFromScaleIn = false)
{
    public bool IsInServiceAndHealthy =>
        LifecycleState == "InService" && string.Equals(HealthStatus, "Healthy", StringComparison.OrdinalIgnoreCase);
}
