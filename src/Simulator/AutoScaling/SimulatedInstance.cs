using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.AutoScaling.Lifecycle;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// An instance launched by a group. Its state follows from times it records: it boots until <see cref="BootedAt"/>;
/// it goes InService at <see cref="InServiceAt"/>, which is known at launch unless a launch lifecycle hook holds it
/// (then it is set when the hooks complete); once termination starts it drains, may wait on terminate hooks, and is
/// gone at <see cref="TerminatedAt"/>. Between those events nothing needs a thread: reading the state at any time
/// gives what AWS would show then, and the region's timeline applies the events (hook completions, health
/// replacement) in time order.
/// </summary>
internal sealed class SimulatedInstance
{
    // How long an instance takes to shut down once connection draining and any terminate hook are over.
    public static readonly TimeSpan ShutdownTime = TimeSpan.FromSeconds(10);

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

    /// <summary>When EC2 has it running and booted (the AMI's boot time after launch).</summary>
    public required DateTimeOffset BootedAt { get; init; }

    /// <summary>When it goes (or went) InService; null while a launch lifecycle hook holds it.</summary>
    public DateTimeOffset? InServiceAt { get; private set; }

    /// <summary>
    /// Launched from an AMI marked never-healthy: it boots and goes InService but fails every load-balancer health
    /// check. Auto Scaling sees that only through ELB health checks; with EC2 health checks the instance stays Healthy.
    /// </summary>
    public bool NeverHealthy { get; init; }

    public bool ProtectedFromScaleIn { get; set; }

    public ValueMap Tags { get; init; } = ValueMap.Empty;

    /// <summary>How many units of desired capacity the instance counts for (a mixed-instances override's WeightedCapacity).</summary>
    public int WeightedCapacity { get; init; } = 1;

    /// <summary>Set when the instance was launched with a WeightedCapacity, which AWS then reports with it.</summary>
    public bool ReportsWeight { get; init; }

    public bool IsSpot { get; init; }

    /// <summary>The activity that launched the instance; a termination before InService ends it early.</summary>
    public ScalingActivityRecord? LaunchActivity { get; set; }

    /// <summary>The lifecycle actions of the transition in progress (launch, then terminate).</summary>
    public List<LifecycleAction> LifecycleActions { get; } = [];

    /// <summary>When Auto Scaling marked the instance Unhealthy, and the words of the check that did.</summary>
    public DateTimeOffset? UnhealthyAt { get; private set; }

    public string? UnhealthyCause { get; private set; }

    /// <summary>A SetInstanceHealth Unhealthy that waits for the grace period to end before it counts.</summary>
    public DateTimeOffset? ReportedUnhealthyAt { get; set; }

    public DateTimeOffset? TerminatingAt { get; private set; }

    /// <summary>When connection draining from the load balancers ends.</summary>
    public DateTimeOffset? DrainedAt { get; private set; }

    /// <summary>When the instance is gone; null while a terminate lifecycle hook holds it.</summary>
    public DateTimeOffset? TerminatedAt { get; private set; }

    public bool IsLive => TerminatingAt is null;

    public bool IsGone(DateTimeOffset now) => TerminatedAt <= now;

    public bool IsInService(DateTimeOffset now) => IsLive && InServiceAt <= now;

    public bool WaitsOnLaunchHooks => InServiceAt is null && IsLive;

    public IEnumerable<LifecycleAction> PendingActions => LifecycleActions.Where(a => !a.IsComplete);

    /// <summary>Starts the launch wait on these hooks, or goes InService once booted when there are none.</summary>
    public void BeginLaunch(IReadOnlyList<LifecycleAction> hooks)
    {
        LifecycleActions.AddRange(hooks);
        if (hooks.Count == 0)
            InServiceAt = BootedAt;
    }

    /// <summary>The launch hooks have let it through at <paramref name="at"/>: InService as soon as it has booted.</summary>
    public void ProceedToService(DateTimeOffset at) => InServiceAt = at > BootedAt ? at : BootedAt;

    public void MarkUnhealthy(DateTimeOffset at, string cause)
    {
        if (UnhealthyAt is not null)
            return;
        UnhealthyAt = at;
        UnhealthyCause = cause;
        ReportedUnhealthyAt = null;
    }

    /// <summary>SetInstanceHealth Healthy: forgets a report or a mark that has not led to replacement yet.</summary>
    public void MarkHealthy()
    {
        UnhealthyAt = null;
        UnhealthyCause = null;
        ReportedUnhealthyAt = null;
    }

    /// <summary>
    /// Starts termination at <paramref name="now"/>: connections drain until <paramref name="drainedAt"/>, the terminate
    /// hooks (if any) hold it, then it shuts down. Launch actions still waiting are dropped.
    /// </summary>
    public void BeginTermination(DateTimeOffset now, DateTimeOffset drainedAt, IReadOnlyList<LifecycleAction> hooks)
    {
        if (TerminatingAt is not null)
            return;
        TerminatingAt = now;
        DrainedAt = drainedAt > now ? drainedAt : now;
        LifecycleActions.Clear();
        LifecycleActions.AddRange(hooks);
        if (hooks.Count == 0)
            TerminatedAt = DrainedAt + ShutdownTime;
    }

    /// <summary>The terminate hooks have let it go at <paramref name="at"/>: it shuts down once drained.</summary>
    public void ProceedToTermination(DateTimeOffset at) =>
        TerminatedAt = (at > DrainedAt!.Value ? at : DrainedAt.Value) + ShutdownTime;

    public string LifecycleState(DateTimeOffset now)
    {
        if (TerminatedAt <= now)
            return "Terminated";
        if (TerminatingAt is not null)
        {
            if (TerminatedAt is null)
                return "Terminating:Wait";
            return LifecycleActions.Count > 0 ? "Terminating:Proceed" : "Terminating";
        }
        if (InServiceAt is null)
            return "Pending:Wait";
        if (now < InServiceAt)
            return LifecycleActions.Count > 0 ? "Pending:Proceed" : "Pending";
        return "InService";
    }

    public string HealthStatus(DateTimeOffset now) => UnhealthyAt <= now ? "Unhealthy" : "Healthy";

    /// <summary>The EC2 view: pending (0), running (16), shutting-down (32), terminated (48).</summary>
    public (int Code, string Name) Ec2State(DateTimeOffset now) =>
        TerminatedAt <= now ? (48, "terminated")
        : TerminatedAt - ShutdownTime <= now ? (32, "shutting-down")
        : now < BootedAt ? (0, "pending")
        : (16, "running");
}
