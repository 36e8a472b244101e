using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Throttling;

/// <summary>
/// AWS-like throttling: one bucket per account, region, service and API, created full on first use, refilled on the
/// simulated clock. Limits come from <see cref="RateLimitCatalog"/> unless a test or operator overrides one API.
/// Thread-safe.
/// </summary>
internal sealed class RateLimiter(bool enabled)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Account, string Region, string Service, string Api), RequestBucket> buckets = [];
    private readonly Dictionary<string, RateLimit> overrides = new(StringComparer.Ordinal);
    private bool enabled = enabled;

    public bool Enabled
    {
        get
        {
            lock (gate)
                return enabled;
        }
        set
        {
            lock (gate)
                enabled = value;
        }
    }

    /// <summary>Takes a token for the request; false when its bucket is empty and the request must be throttled.</summary>
    public bool TryAcquire(string accountId, string region, ServiceProfile service, string action, QueryParameters parameters, DateTimeOffset now)
    {
        if (RateLimitCatalog.For(service, action, parameters) is not var (api, limit))
            return true;
        lock (gate)
        {
            if (!enabled)
                return true;
            var key = (accountId, region, service.Name, api);
            var configured = overrides.GetValueOrDefault(api) ?? limit;
            if (!buckets.TryGetValue(key, out var bucket) || bucket.Limit != configured)
                buckets[key] = bucket = new RequestBucket(configured, now);
            return bucket.TryTake(now);
        }
    }

    /// <summary>Replaces the limit of one API (as <see cref="RateLimitState.Api"/> names it) in every account and region; its buckets start full again.</summary>
    public void Override(string api, RateLimit limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(api);
        limit.Validate();
        lock (gate)
            overrides[api] = limit;
    }

    public IReadOnlyDictionary<string, RateLimit> Overrides()
    {
        lock (gate)
            return new Dictionary<string, RateLimit>(overrides, StringComparer.Ordinal);
    }

    public IReadOnlyList<RateLimitState> Snapshot(DateTimeOffset now)
    {
        lock (gate)
        {
            return buckets
                .OrderBy(b => b.Key.Account, StringComparer.Ordinal)
                .ThenBy(b => b.Key.Region, StringComparer.Ordinal)
                .ThenBy(b => b.Key.Service, StringComparer.Ordinal)
                .ThenBy(b => b.Key.Api, StringComparer.Ordinal)
                .Select(b => new RateLimitState(
                    b.Key.Account, b.Key.Region, b.Key.Service, b.Key.Api, b.Value.Limit, b.Value.Available(now), b.Value.LowestAvailable, b.Value.Throttled))
                .ToList();
        }
    }

    /// <summary>Forgets every bucket and override; whether limiting is on stays as it was.</summary>
    public void Reset()
    {
        lock (gate)
        {
            buckets.Clear();
            overrides.Clear();
        }
    }
}
