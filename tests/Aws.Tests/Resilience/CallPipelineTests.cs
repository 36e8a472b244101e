using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Aws.Resilience;
using AmiOrchestrator.Aws.Tests.Support;
using AmiOrchestrator.Domain.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests.Resilience;

public sealed class CallPipelineTests
{
    private static readonly RetryOptions Retry = new()
    {
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        ThrottlingBaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(10),
    };

    private readonly FakeTimeProvider time = new();
    private readonly CallPipeline pipeline;
    private readonly TokenBucket bucket;

    public CallPipelineTests()
    {
        pipeline = new CallPipeline(new RetryPolicy(Retry, new Random(3)), time);
        bucket = new TokenBucket(1000, 1000, time);
    }

    [Fact]
    public async Task Success_on_the_first_attempt_returns_at_once()
    {
        var attempts = 0;

        var result = await pipeline.RunAsync(bucket, "autoscaling", "DescribeAutoScalingGroups", _ => Task.FromResult(++attempts), CancellationToken.None);

        Assert.Equal(1, result);
    }

    [Fact]
    public async Task Non_retryable_error_surfaces_after_one_attempt()
    {
        var attempts = 0;

        var error = await Assert.ThrowsAsync<CloudException>(() => pipeline.RunAsync<int>(
            bucket,
            "autoscaling",
            "DescribeAutoScalingGroups",
            _ =>
            {
                attempts++;
                throw new CloudException(CloudError.FromAws("ValidationError", "bad", 400));
            },
            CancellationToken.None));

        Assert.Equal("ValidationError", error.Error.Code);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Retryable_error_waits_for_the_backoff_on_the_time_provider()
    {
        var attempts = 0;
        var call = pipeline.RunAsync(
            bucket,
            "autoscaling",
            "DescribeAutoScalingGroups",
            _ => ++attempts == 1
                ? throw new CloudException(CloudError.FromAws("Throttling", "Rate exceeded", 400))
                : Task.FromResult(attempts),
            CancellationToken.None);

        Assert.False(call.IsCompleted);
        Assert.Equal(1, attempts);
        // The first throttling back-off is at most the throttling base (1 s).
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2, await call);
    }

    [Fact]
    public async Task Retries_stop_at_the_attempt_limit_with_the_last_error()
    {
        var attempts = 0;
        var call = pipeline.RunAsync<int>(
            bucket,
            "autoscaling",
            "DescribeAutoScalingGroups",
            _ => throw new CloudException(CloudError.FromAws("InternalFailure", $"failure {++attempts}", 500)),
            CancellationToken.None);

        await Polling.UntilAsync(() => call.IsCompleted, () => time.Advance(TimeSpan.FromSeconds(1)));

        var error = await Assert.ThrowsAsync<CloudException>(() => call);
        Assert.Equal("failure 3", error.Error.Message);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Cancellation_during_the_backoff_ends_the_call()
    {
        using var cancellation = new CancellationTokenSource();
        var attempts = 0;
        var call = pipeline.RunAsync<int>(
            bucket,
            "autoscaling",
            "DescribeAutoScalingGroups",
            _ =>
            {
                attempts++;
                throw new CloudException(CloudError.FromAws("Throttling", "Rate exceeded", 400));
            },
            cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Every_attempt_takes_a_token_from_the_budget()
    {
        var scarce = new TokenBucket(ratePerSecond: 1, burst: 1, time);
        var attempts = 0;
        var call = pipeline.RunAsync(
            scarce,
            "autoscaling",
            "DescribeAutoScalingGroups",
            _ => ++attempts == 1
                ? throw new CloudException(CloudError.FromAws("InternalFailure", "oops", 500))
                : Task.FromResult(attempts),
            CancellationToken.None);

        // The back-off (at most 100 ms) is over, but the budget has no token until a full second has passed.
        time.Advance(TimeSpan.FromMilliseconds(100));
        await Polling.UntilAsync(() => scarce.Available < 0);
        Assert.Equal(1, attempts);
        time.Advance(TimeSpan.FromMilliseconds(900));

        Assert.Equal(2, await call);
    }
}
