using System.Collections.Concurrent;
using AmiOrchestrator.Aws.Configuration;

namespace AmiOrchestrator.Aws.Resilience;

/// <summary>
/// The token buckets of the process, one per account, region and service, handed out so that every client of
/// the same account and region draws from the same bucket: AWS throttles the account, not the caller.
/// </summary>
internal sealed class CallBudget(RateLimitOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Account, string Region, string Service), TokenBucket> buckets = new();

    public TokenBucket For(string account, string region, string service) =>
        buckets.GetOrAdd(
            (account, region, service),
            static (key, state) =>
            {
                var budget = state.options.For(key.Service);
                return new TokenBucket(budget.RequestsPerSecond, budget.Burst, state.time);
            },
            (options, time));
}
