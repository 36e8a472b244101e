using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Resilience;

/// <summary>
/// Runs a call the way every AWS call of the engine runs: each attempt first takes a token from the call budget,
/// a retryable <see cref="CloudException"/> is retried after the policy's back-off (awaited on the injected
/// <see cref="TimeProvider"/>), anything else (or the last attempt's failure) surfaces as it is. Cancellation ends
/// the loop wherever it is waiting.
/// </summary>
internal sealed class CallPipeline(RetryPolicy policy, TimeProvider time)
{
    public async Task<T> RunAsync<T>(TokenBucket budget, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            await budget.AcquireAsync(cancellationToken);
            try
            {
                return await attempt(cancellationToken);
            }
            catch (CloudException e) when (policy.ShouldRetry(e.Error, number))
            {
                await Task.Delay(policy.BackoffAfter(e.Error, number), time, cancellationToken);
            }
        }
    }
}
