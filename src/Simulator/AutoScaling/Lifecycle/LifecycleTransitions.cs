namespace AmiOrchestrator.Simulator.AutoScaling.Lifecycle;

/// <summary>The two transitions a lifecycle hook can hold, and the two results that end a wait.</summary>
internal static class LifecycleTransitions
{
    public const string Launching = "autoscaling:EC2_INSTANCE_LAUNCHING";
    public const string Terminating = "autoscaling:EC2_INSTANCE_TERMINATING";
    public const string Continue = "CONTINUE";
    public const string Abandon = "ABANDON";

    public static IReadOnlyList<string> All { get; } = [Launching, Terminating];

    /// <summary>AWS's default heartbeat timeout (one hour) and default result (ABANDON) for a hook that names none.</summary>
    public const int DefaultHeartbeatSeconds = 3600;
}
