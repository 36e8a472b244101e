namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// One scaling activity. Its status follows its instance: a launch is MidLifecycleAction while a launch hook holds
/// the instance, PreInService until it is InService, then Successful; a termination is MidLifecycleAction while a
/// terminate hook holds it, WaitingForELBConnectionDraining while it drains, InProgress while it shuts down, then
/// Successful. A launch that could not start is Failed at once; one whose lifecycle action was abandoned is
/// Cancelled. <see cref="RequestSequence"/> is the inspection-log number of the request that caused it (null when
/// the simulation itself did: a schedule, a health check, a policy).
/// </summary>
internal sealed record ScalingActivityRecord
{
    public required string ActivityId { get; init; }

    /// <summary>
    /// Orders activities, newest last; activities started at the same time keep the order they started in. Given by
    /// <see cref="State.RegionState.AddActivity"/>, which records the activity.
    /// </summary>
    public long Ordinal { get; init; }

    public long? RequestSequence { get; init; }

    public required string GroupName { get; init; }

    public required string GroupArn { get; init; }

    public required ActivityKind Kind { get; init; }

    public required string Description { get; init; }

    public required string Cause { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public SimulatedInstance? Instance { get; init; }

    public string? Details { get; init; }

    /// <summary>Why a launch failed, in AWS's words; null for an activity that did not fail.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>Set when a launch's lifecycle action was abandoned: the launch ends Cancelled with this message.</summary>
    public (DateTimeOffset At, string Message)? Cancellation { get; set; }

    /// <summary>Set when the instance was terminated before it went InService: the launch ends then.</summary>
    public DateTimeOffset? EndedEarlyAt { get; set; }

    public bool IsDone(DateTimeOffset now) => EndTime(now) is not null;

    public string StatusCode(DateTimeOffset now)
    {
        if (FailureMessage is not null)
            return "Failed";
        if (Cancellation is { } cancelled && cancelled.At <= now)
            return "Cancelled";
        if (EndTime(now) is not null)
            return "Successful";
        var instance = Instance!;
        if (Kind == ActivityKind.Launch)
            return instance.WaitsOnLaunchHooks ? "MidLifecycleAction" : "PreInService";
        if (instance.TerminatedAt is null)
            return "MidLifecycleAction";
        return now < instance.DrainedAt ? "WaitingForELBConnectionDraining" : "InProgress";
    }

    public string? StatusMessage(DateTimeOffset now) =>
        FailureMessage ?? (Cancellation is { } cancelled && cancelled.At <= now ? cancelled.Message : null);

    public int Progress(DateTimeOffset now) =>
        IsDone(now) ? 100 : Kind == ActivityKind.Launch ? 30 : 50;

    public DateTimeOffset? EndTime(DateTimeOffset now)
    {
        if (FailureMessage is not null)
            return StartTime;
        if (Cancellation is { } cancelled)
            return cancelled.At <= now ? cancelled.At : null;
        if (EndedEarlyAt is { } ended)
            return ended <= now ? ended : null;
        var end = Kind == ActivityKind.Launch ? Instance?.InServiceAt : Instance?.TerminatedAt;
        return end <= now ? end : null;
    }
}
