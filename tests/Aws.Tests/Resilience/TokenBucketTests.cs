using AmiOrchestrator.Aws.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests.Resilience;

public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void A_full_bucket_serves_a_burst_at_once()
    {
        var bucket = new TokenBucket(ratePerSecond: 2, burst: 5, time);

        var acquisitions = Enumerable.Range(0, 5).Select(_ => bucket.AcquireAsync(CancellationToken.None).AsTask()).ToList();

        Assert.All(acquisitions, a => Assert.True(a.IsCompletedSuccessfully));
        Assert.Equal(0, bucket.Available);
    }

    [Fact]
    public async Task Past_the_burst_callers_wait_for_the_refill_in_arrival_order()
    {
        var bucket = new TokenBucket(ratePerSecond: 2, burst: 1, time);
        await bucket.AcquireAsync(CancellationToken.None);

        var second = bucket.AcquireAsync(CancellationToken.None).AsTask();
        var third = bucket.AcquireAsync(CancellationToken.None).AsTask();

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await third;
    }

    [Fact]
    public async Task Refill_never_exceeds_the_burst()
    {
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 3, time);
        await bucket.AcquireAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(3, bucket.Available);
    }

    [Fact]
    public async Task Tokens_refill_at_the_configured_rate()
    {
        var bucket = new TokenBucket(ratePerSecond: 4, burst: 10, time);
        for (var i = 0; i < 10; i++)
            await bucket.AcquireAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Equal(6, bucket.Available, precision: 6);
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_its_reserved_token_back()
    {
        var bucket = new TokenBucket(ratePerSecond: 1, burst: 1, time);
        await bucket.AcquireAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var waiting = bucket.AcquireAsync(cancellation.Token).AsTask();
        Assert.Equal(-1, bucket.Available);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, bucket.Available);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.AcquireAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public void Invalid_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, 1, time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(1, 0, time));
    }
}
