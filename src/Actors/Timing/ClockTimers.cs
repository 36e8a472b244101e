using Akka.Actor;

namespace AmiOrchestrator.Actors.Timing;

/// <summary>
/// Timers of one actor on the engine's <see cref="TimeProvider"/> rather than Akka's scheduler: deadlines, polls and
/// retries are durations of a deployment, and the demo and the tests run the engine on a sped-up clock that the
/// simulated region shares, so every duration of a deployment must follow that clock. A timer sends its message to
/// the actor; starting a timer under a key cancels the one before it. Messages of a cancelled timer may still arrive
/// (a callback already running): the messages carry what the actor needs to recognise a stale one.
/// </summary>
internal sealed class ClockTimers(TimeProvider time, IActorRef owner) : IDisposable
{
    private readonly Dictionary<string, ITimer> timers = new(StringComparer.Ordinal);

    public void StartSingle(string key, object message, TimeSpan after)
    {
        Cancel(key);
        timers[key] = time.CreateTimer(static state => Deliver(state!), (owner, message), Clamp(after), Timeout.InfiniteTimeSpan);
    }

    public void StartPeriodic(string key, object message, TimeSpan every)
    {
        Cancel(key);
        timers[key] = time.CreateTimer(static state => Deliver(state!), (owner, message), Clamp(every), Clamp(every));
    }

    public bool IsActive(string key) => timers.ContainsKey(key);

    public void Cancel(string key)
    {
        if (timers.Remove(key, out var timer))
            timer.Dispose();
    }

    public void Dispose()
    {
        foreach (var timer in timers.Values)
            timer.Dispose();
        timers.Clear();
    }

    private static void Deliver(object state)
    {
        var (owner, message) = ((IActorRef, object))state;
        owner.Tell(message, ActorRefs.NoSender);
    }

    // A due time already past fires at once; TimeProvider timers take no negative time but -1 (never).
    private static TimeSpan Clamp(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
