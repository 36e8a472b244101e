namespace AmiOrchestrator.Aws.Configuration;

/// <summary>
/// The one retry policy of every AWS call (the EC2 SDK's own retries are off): bounded attempts, exponential
/// back-off with full jitter, a larger base for throttling than for other transient errors, and a cap.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>
    /// Attempts per call, the first included. Ten keeps a call alive through 30% throttling plus 5% server errors
    /// (all ten fail with probability 0.35^10, about 3 in 100,000), where the SDKs' default of three does not.
    /// </summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Back-off base for server errors, timeouts and Auto Scaling's transient states (AWS SDKs: 50 ms).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Back-off base for throttling: backing off harder is what relieves the rate limit (AWS SDKs: 1 s).</summary>
    public TimeSpan ThrottlingBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No single back-off is longer than this (AWS SDKs: 20 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    internal IEnumerable<string> Problems()
    {
        if (MaxAttempts < 1)
            yield return "Retry.MaxAttempts must be at least 1";
        if (BaseDelay < TimeSpan.Zero || ThrottlingBaseDelay < TimeSpan.Zero)
            yield return "Retry delays must not be negative";
        if (MaxDelay < BaseDelay || MaxDelay < ThrottlingBaseDelay)
            yield return "Retry.MaxDelay must be at least the base delays";
    }
}
