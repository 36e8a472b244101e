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
    /// <summary>Runs <paramref name="attempt"/> as operation <paramref name="operation"/> of <paramref name="service"/> (the names its metrics carry).</summary>
    public async Task<T> RunAsync<T>(
        TokenBucket budget, string service, string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            await budget.AcquireAsync(cancellationToken);
            try
            {
                var result = await attempt(cancellationToken);
                AwsTelemetry.Succeeded(service, operation);
                return result;
            }
            catch (CloudException e)
            {
                var retry = policy.ShouldRetry(e.Error, number);
                AwsTelemetry.Failed(service, operation, e.Error, retry);
                if (!retry)
                    throw;
                await Task.Delay(policy.BackoffAfter(e.Error, number), time, cancellationToken);
            }
        }
    }
}
