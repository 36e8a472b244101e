namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>The processes SuspendProcesses/ResumeProcesses name; omitting the list means all of them.</summary>
internal static class ScalingProcesses
{
    public const string Launch = "Launch";
    public const string Terminate = "Terminate";
    public const string HealthCheck = "HealthCheck";
    public const string ReplaceUnhealthy = "ReplaceUnhealthy";
    public const string ScheduledActions = "ScheduledActions";
    public const string AlarmNotification = "AlarmNotification";

    public static IReadOnlyList<string> All { get; } =
    [
        Launch, Terminate, "AddToLoadBalancer", AlarmNotification, "AZRebalance", HealthCheck,
        "InstanceRefresh", ReplaceUnhealthy, ScheduledActions,
    ];
}
