namespace AmiOrchestrator.Simulator.AutoScaling.Lifecycle;

/// <summary>
/// One lifecycle hook holding one instance at one transition: the token CompleteLifecycleAction may name, when the
/// wait times out (each heartbeat pushes that back, never past the global timeout), what happens then, and, when a
/// fixture's hook handler stands in for the user's automation, when and how the handler completes it.
/// </summary>
internal sealed class LifecycleAction
{
    // AWS caps a lifecycle action at 100 heartbeat timeouts or 48 hours, whichever is shorter.
    private static readonly TimeSpan GlobalTimeoutCap = TimeSpan.FromHours(48);

    public LifecycleAction(string hookName, string transition, string token, DateTimeOffset startedAt, int heartbeatSeconds, string defaultResult)
    {
        HookName = hookName;
        Transition = transition;
        Token = token;
        StartedAt = startedAt;
        HeartbeatTimeout = TimeSpan.FromSeconds(heartbeatSeconds);
        DefaultResult = defaultResult;
        TimesOutAt = startedAt + HeartbeatTimeout;
        var global = HeartbeatTimeout * 100;
        GlobalTimeoutAt = startedAt + (global < GlobalTimeoutCap ? global : GlobalTimeoutCap);
    }

    public string HookName { get; }

    public string Transition { get; }

    public string Token { get; }

    public DateTimeOffset StartedAt { get; }

    public TimeSpan HeartbeatTimeout { get; }

    public string DefaultResult { get; }

    public DateTimeOffset TimesOutAt { get; private set; }

    public DateTimeOffset GlobalTimeoutAt { get; }

    /// <summary>When a fixture's hook handler completes the action (null when no handler matches its hook).</summary>
    public DateTimeOffset? HandledAt { get; init; }

    public string? HandlerResult { get; init; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>CONTINUE or ABANDON once completed.</summary>
    public string? Result { get; private set; }

    /// <summary>Why it completed, in the words of AWS's activity status messages.</summary>
    public string? Reason { get; private set; }

    public bool IsComplete => CompletedAt is not null;

    public bool IsLaunch => Transition == LifecycleTransitions.Launching;

    /// <summary>The next moment the action completes by itself (handler or timeout); null once complete.</summary>
    public DateTimeOffset? DueAt
    {
        get
        {
            if (IsComplete)
                return null;
            var timeout = TimesOutAt < GlobalTimeoutAt ? TimesOutAt : GlobalTimeoutAt;
            return HandledAt is { } handled && handled < timeout ? handled : timeout;
        }
    }

    public void Heartbeat(DateTimeOffset now) => TimesOutAt = now + HeartbeatTimeout;

    public void Complete(DateTimeOffset at, string result, string reason)
    {
        if (IsComplete)
            return;
        CompletedAt = at;
        Result = result;
        Reason = reason;
    }

    /// <summary>Completes the action as its handler or its timeout would, if that is due by <paramref name="at"/>.</summary>
    public void CompleteIfDue(DateTimeOffset at)
    {
        if (DueAt is not { } due || due > at)
            return;
        if (HandledAt == due)
            Complete(due, HandlerResult!, $"Lifecycle Action Completed with {HandlerResult} Result");
        else
            Complete(due, DefaultResult, "Lifecycle Action timed out");
    }
}
