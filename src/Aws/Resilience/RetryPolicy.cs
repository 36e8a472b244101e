using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Resilience;

/// <summary>
/// Decides whether a failed attempt is tried again and how long to wait first. Retryable means
/// <see cref="CloudErrorCodes.IsRetryable"/> (already recorded in <see cref="CloudError.Retryable"/>); the wait is
/// exponential back-off with full jitter, uniform in [0, min(base × 2^(n-1), cap)), where the base is larger for
/// throttling. Full jitter spreads the retries of many callers that failed together, which is what clears a
/// rate limit.
/// </summary>
internal sealed class RetryPolicy(RetryOptions options, Random jitter)
{
    private readonly Lock jitterGate = new();

    /// <summary>True when attempt number <paramref name="attempt"/> (1-based) failed with a retryable error and attempts remain.</summary>
    public bool ShouldRetry(CloudError error, int attempt) => error.Retryable && attempt < options.MaxAttempts;

    /// <summary>The wait after attempt number <paramref name="attempt"/> failed with <paramref name="error"/>.</summary>
    public TimeSpan BackoffAfter(CloudError error, int attempt)
    {
        double fraction;
        // System.Random is not thread-safe and the injected one is shared by every concurrent call.
        lock (jitterGate)
            fraction = jitter.NextDouble();
        return TimeSpan.FromTicks((long)(Ceiling(error, attempt).Ticks * fraction));
    }

    /// <summary>The upper bound of the wait after attempt <paramref name="attempt"/>.</summary>
    public TimeSpan Ceiling(CloudError error, int attempt)
    {
        var baseDelay = CloudErrorCodes.IsThrottling(error.Code) ? options.ThrottlingBaseDelay : options.BaseDelay;
        // In doubles, so that a large attempt number saturates at the cap instead of overflowing.
        var ticks = baseDelay.Ticks * Math.Pow(2, Math.Max(0, attempt - 1));
        return ticks >= options.MaxDelay.Ticks ? options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
