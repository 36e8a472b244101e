namespace AmiOrchestrator.Simulator;

/// <summary>An API's token bucket: it holds up to <see cref="Bucket"/> requests and regains <see cref="RefillPerSecond"/> a second.</summary>
public sealed record RateLimit(int Bucket, double RefillPerSecond)
{
    internal void Validate()
    {
        if (Bucket < 1)
            throw new ArgumentOutOfRangeException(nameof(Bucket), Bucket, "A rate limit's bucket must hold at least one request.");
        if (!double.IsFinite(RefillPerSecond) || RefillPerSecond <= 0)
            throw new ArgumentOutOfRangeException(nameof(RefillPerSecond), RefillPerSecond, "A rate limit's refill must be a positive number of requests a second.");
    }
}
