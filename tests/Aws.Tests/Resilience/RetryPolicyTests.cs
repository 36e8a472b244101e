using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Aws.Resilience;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Tests.Resilience;

public sealed class RetryPolicyTests
{
    private static readonly RetryOptions Options = new()
    {
        MaxAttempts = 5,
        BaseDelay = TimeSpan.FromMilliseconds(50),
        ThrottlingBaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(20),
    };

    private static readonly CloudError Throttled = CloudError.FromAws("Throttling", "Rate exceeded", 400);
    private static readonly CloudError ServerError = CloudError.FromAws("InternalFailure", "oops", 500);

    [Theory]
    [InlineData("Throttling", 400)]
    [InlineData("RequestLimitExceeded", 503)]
    [InlineData("ResourceContention", 500)]
    [InlineData("ScalingActivityInProgress", 400)]
    [InlineData("Http502", 502)]
    [InlineData(CloudErrorCodes.RequestTimeout, null)]
    [InlineData(CloudErrorCodes.ConnectionFailure, null)]
    public void Transient_errors_are_retried_while_attempts_remain(string code, int? status)
    {
        var policy = new RetryPolicy(Options, new Random(1));
        var error = CloudError.FromAws(code, "m", status);

        Assert.True(policy.ShouldRetry(error, 1));
        Assert.True(policy.ShouldRetry(error, 4));
        Assert.False(policy.ShouldRetry(error, 5));
    }

    [Theory]
    [InlineData("ValidationError", 400)]
    [InlineData("AlreadyExists", 400)]
    [InlineData("ResourceInUse", 400)]
    [InlineData("LimitExceeded", 400)]
    [InlineData("SignatureDoesNotMatch", 403)]
    [InlineData("InvalidAMIID.NotFound", 400)]
    [InlineData("InvalidResponse", 200)]
    public void Permanent_errors_are_never_retried(string code, int status)
    {
        var policy = new RetryPolicy(Options, new Random(1));

        Assert.False(policy.ShouldRetry(CloudError.FromAws(code, "m", status), 1));
    }

    [Fact]
    public void Ceiling_doubles_from_the_base_until_the_cap()
    {
        var policy = new RetryPolicy(Options, new Random(1));

        Assert.Equal(
            [50, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 20000, 20000],
            Enumerable.Range(1, 11).Select(n => policy.Ceiling(ServerError, n).TotalMilliseconds));
    }

    [Fact]
    public void Throttling_backs_off_from_a_larger_base()
    {
        var policy = new RetryPolicy(Options, new Random(1));

        Assert.Equal(TimeSpan.FromSeconds(1), policy.Ceiling(Throttled, 1));
        Assert.Equal(TimeSpan.FromSeconds(16), policy.Ceiling(Throttled, 5));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.Ceiling(Throttled, 6));
    }

    [Fact]
    public void Huge_attempt_numbers_saturate_at_the_cap()
    {
        var policy = new RetryPolicy(Options, new Random(1));

        Assert.Equal(Options.MaxDelay, policy.Ceiling(Throttled, 10_000));
    }

    [Fact]
    public void Backoff_is_full_jitter_within_zero_and_the_ceiling()
    {
        var policy = new RetryPolicy(Options, new Random(42));

        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var delays = Enumerable.Range(0, 200).Select(_ => policy.BackoffAfter(Throttled, attempt)).ToList();
            var ceiling = policy.Ceiling(Throttled, attempt);
            Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, ceiling));
            // Full jitter: the draws spread over the whole range rather than clustering at the top.
            Assert.Contains(delays, d => d < ceiling / 4);
            Assert.Contains(delays, d => d > ceiling * 3 / 4);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_delays()
    {
        var first = new RetryPolicy(Options, new Random(9));
        var second = new RetryPolicy(Options, new Random(9));

        Assert.Equal(
            Enumerable.Range(1, 8).Select(n => first.BackoffAfter(ServerError, n)),
            Enumerable.Range(1, 8).Select(n => second.BackoffAfter(ServerError, n)));
    }
}
