namespace AmiOrchestrator.Steps.Timing;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than the one beneath it, timers included: at speed 20 a
/// 15-second poll fires after 0.75 real seconds and a 10-minute deadline passes after 30. Giving the engine and the
/// simulated region the same scaled clock compresses every duration of a deployment (boots, health checks, polls,
/// bake times, deadlines) consistently, so the demo runs in a minute without the engine's deadlines and the
/// simulator's boot times disagreeing. It starts at the time of the clock beneath it and then runs ahead.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider inner;
    private readonly DateTimeOffset start;
    private readonly long startTimestamp;

    public ScaledTimeProvider(double speed, TimeProvider? inner = null)
    {
        if (!double.IsFinite(speed) || speed <= 0)
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed must be a positive number of scaled seconds per second.");
        Speed = speed;
        this.inner = inner ?? System;
        start = this.inner.GetUtcNow();
        startTimestamp = this.inner.GetTimestamp();
    }

    public double Speed { get; }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => start + Scaled(inner.GetElapsedTime(startTimestamp));

    public override long GetTimestamp() => startTimestamp + (long)((inner.GetTimestamp() - startTimestamp) * Speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(inner.CreateTimer(callback, state, Unscaled(dueTime), Unscaled(period)), this);

    private TimeSpan Scaled(TimeSpan span) => TimeSpan.FromTicks((long)(span.Ticks * Speed));

    // Infinite (and zero) stay as they are: "never" and "now" mean the same at any speed.
    private TimeSpan Unscaled(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Speed)));

    private sealed class ScaledTimer(ITimer timer, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(clock.Unscaled(dueTime), clock.Unscaled(period));

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
