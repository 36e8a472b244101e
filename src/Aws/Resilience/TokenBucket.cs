namespace AmiOrchestrator.Aws.Resilience;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: it holds up to <c>burst</c> tokens and gains
/// <c>ratePerSecond</c> a second. A caller takes its token at once and, when the bucket has run dry, waits until
/// the token it took would have been refilled; callers are therefore served in arrival order, however many wait.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double ratePerSecond;
    private readonly double capacity;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private double tokens;
    private long refilledAt;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        this.ratePerSecond = ratePerSecond;
        capacity = burst;
        this.time = time;
        tokens = burst;
        refilledAt = time.GetTimestamp();
    }

    /// <summary>Tokens available now; negative when callers are waiting for tokens not yet refilled.</summary>
    public double Available
    {
        get
        {
            lock (gate)
            {
                Refill();
                return tokens;
            }
        }
    }

    public ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            Refill();
            tokens -= 1;
            if (tokens >= 0)
                return ValueTask.CompletedTask;
            wait = TimeSpan.FromSeconds(-tokens / ratePerSecond);
        }

        return WaitAsync(wait, cancellationToken);
    }

    private async ValueTask WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The token reserved for this caller was never used: hand it back for those still waiting.
            lock (gate)
                tokens += 1;
            throw;
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        tokens = Math.Min(capacity, tokens + (time.GetElapsedTime(refilledAt, now).TotalSeconds * ratePerSecond));
        refilledAt = now;
    }
}
