using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// An instance launched by a group. Its state is a function of the clock, never of a timer: Pending until
/// <see cref="InServiceAt"/>, then InService; once termination starts, Terminating until <see cref="TerminatedAt"/>,
/// then Terminated. So a fake clock moves instances along deterministically and there is no thread to stop.
/// </summary>
internal sealed class SimulatedInstance
{
    public required string InstanceId { get; init; }

    public required string GroupName { get; init; }

    public required string ImageId { get; init; }

    public required string InstanceType { get; init; }

    public required string AvailabilityZone { get; init; }

    public string? SubnetId { get; init; }

    public required string PrivateIpAddress { get; init; }

    /// <summary>The template the instance was launched from, with the version number it resolved to.</summary>
    public LaunchTemplateSpec? LaunchTemplate { get; init; }

    public string? LaunchConfigurationName { get; init; }

    public required DateTimeOffset LaunchedAt { get; init; }

    public required DateTimeOffset InServiceAt { get; init; }

    /// <summary>
    /// Launched from an AMI marked never-healthy: it boots and goes InService but reports Unhealthy from then on, and
    /// its load-balancer health checks fail. It is not replaced (AWS would churn it), so the state stays observable.
    /// </summary>
    public bool NeverHealthy { get; init; }

    public bool ProtectedFromScaleIn { get; set; }

    public ValueMap Tags { get; init; } = ValueMap.Empty;

    /// <summary>The activity that launched the instance; a termination before InService ends it early.</summary>
    public ScalingActivityRecord? LaunchActivity { get; set; }

    public DateTimeOffset? TerminatingAt { get; private set; }

    public DateTimeOffset? TerminatedAt { get; private set; }

    public bool IsLive => TerminatingAt is null;

    public void BeginTermination(DateTimeOffset now, TimeSpan duration)
    {
        if (TerminatingAt is not null)
            return;
        TerminatingAt = now;
        TerminatedAt = now + duration;
    }

    public bool IsGone(DateTimeOffset now) => TerminatedAt <= now;

    public string LifecycleState(DateTimeOffset now) =>
        TerminatedAt <= now ? "Terminated"
        : TerminatingAt is not null ? "Terminating"
        : now < InServiceAt ? "Pending"
        : "InService";

    public string HealthStatus(DateTimeOffset now) =>
        NeverHealthy && now >= InServiceAt ? "Unhealthy" : "Healthy";

    /// <summary>The EC2 view: pending (0), running (16), shutting-down (32), terminated (48).</summary>
    public (int Code, string Name) Ec2State(DateTimeOffset now) =>
        TerminatedAt <= now ? (48, "terminated")
        : TerminatingAt is not null ? (32, "shutting-down")
        : now < InServiceAt ? (0, "pending")
        : (16, "running");
}
