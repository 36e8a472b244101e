namespace AmiOrchestrator.Simulator.Throttling;

/// <summary>
/// The simulator's side of a token bucket: a request takes a token or is refused; tokens come back continuously on the
/// simulated clock up to the bucket's size. It never waits (AWS answers at once with a throttling error). It remembers
/// its low-water mark and refusals so that a test can see how close its callers came to the limit.
/// </summary>
internal sealed class RequestBucket(RateLimit limit, DateTimeOffset now)
{
    private double tokens = limit.Bucket;
    private DateTimeOffset refilledAt = now;

    public RateLimit Limit { get; } = limit;

    public double LowestAvailable { get; private set; } = limit.Bucket;

    public int Throttled { get; private set; }

    public bool TryTake(DateTimeOffset now)
    {
        Refill(now);
        if (tokens < 1)
        {
            Throttled++;
            return false;
        }
        tokens -= 1;
        LowestAvailable = Math.Min(LowestAvailable, tokens);
        return true;
    }

    public double Available(DateTimeOffset now)
    {
        Refill(now);
        return tokens;
    }

    private void Refill(DateTimeOffset now)
    {
        // Requests of other regions may read a clock a moment behind this bucket's; time never runs backwards here.
        if (now <= refilledAt)
            return;
        tokens = Math.Min(Limit.Bucket, tokens + ((now - refilledAt).TotalSeconds * Limit.RefillPerSecond));
        refilledAt = now;
    }
}
