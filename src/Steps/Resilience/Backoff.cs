namespace AmiOrchestrator.Steps.Resilience;

/// <summary>
/// Exponential back-off with full jitter: uniform in [0, min(base × 2^(n-1), cap)). Full jitter spreads the retries
/// of the many deployments that failed together (a throttled account), which is what lets the limit recover.
/// </summary>
internal sealed class Backoff(TimeSpan baseDelay, TimeSpan maxDelay, Random jitter)
{
    private readonly Lock gate = new();

    public TimeSpan After(int attempt)
    {
        // In doubles, so that a large attempt number saturates at the cap instead of overflowing.
        var ceiling = Math.Min(baseDelay.Ticks * Math.Pow(2, Math.Max(0, attempt - 1)), maxDelay.Ticks);
        double fraction;
        // The executor is shared by every deployment of a node; System.Random is not thread-safe.
        lock (gate)
            fraction = jitter.NextDouble();
        return TimeSpan.FromTicks((long)(ceiling * fraction));
    }
}
