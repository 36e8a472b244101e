using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Aws.Tests.Support;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>
/// The shared call budget of one provider with its default options, against the simulator's default (AWS-like)
/// rate limits: a busy process runs at the limits and is never throttled.
/// </summary>
public sealed class CallBudgetIntegrationTests
{
    private const int Callers = 20;
    private const int Rounds = 5;

    [Fact]
    public async Task Many_concurrent_callers_through_one_provider_run_at_the_limits_and_none_is_throttled()
    {
        // Default options (budget, retries) apart from where and as whom; client and simulator share the fake clock.
        var network = new InFlightCounter();
        await using var aws = await SimulatorHarness.StartAsync(
            o => o with { RateLimit = new RateLimitOptions(), Retry = new RetryOptions() }, clientOnSimulatorClock: true, rateLimiting: true, handler: network);
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                await aws.Cloud.UpdateAsgCapacityAsync(SimulatorHarness.BaseGroup, new CapacityUpdate(1, 2, 4), CancellationToken.None);
                await aws.Cloud.DescribeTargetHealthAsync(SimulatorHarness.TargetGroupArn, CancellationToken.None);
                if (round % 2 == 0)
                    await aws.Cloud.PutMetricAlarmAsync(Alarm($"caller-{caller}"), CancellationToken.None);
            }
        })).ToList();

        await PumpUntilDoneAsync(aws, network, Task.WhenAll(callers));

        var log = aws.Control.Requests();
        var buckets = aws.Control.RateLimits();
        Assert.DoesNotContain(log, r => r.ResultCode is "Throttling" or "RequestLimitExceeded");
        Assert.All(buckets, b => Assert.Equal(0, b.Throttled));
        Assert.Equal(Callers * Rounds, log.Count(r => r.Action == "UpdateAutoScalingGroup"));
        // Close to the limits, so that a budget too generous would have been throttled: the client's burst took half of
        // the mutating bucket (20) and all but one token of CloudWatch's (3), and updates then ran at the full refill of 5 a second.
        Assert.InRange(Bucket(buckets, "UpdateAutoScalingGroup").LowestAvailable, 0, 10.5);
        Assert.InRange(Bucket(buckets, "PutMetricAlarm").LowestAvailable, 0, 1.5);
        var updates = log.Where(r => r.Action == "UpdateAutoScalingGroup").Select(r => r.Time).ToList();
        var sustained = (updates.Count - 10) / (updates[^1] - updates[0]).TotalSeconds;
        Assert.InRange(sustained, 4.5, 5.0001);
    }

    private static RateLimitState Bucket(IReadOnlyList<RateLimitState> buckets, string api) => buckets.Single(b => b.Api == api);

    /// <summary>
    /// Moves the shared fake clock in small steps while the callers wait on their budget, until they are done. It moves
    /// only while no request is on the wire, so that a request reaches the simulator at the simulated moment it was
    /// sent: a loaded machine must not turn real latency into simulated bunching the client could not have caused.
    /// </summary>
    private static async Task PumpUntilDoneAsync(SimulatorHarness aws, InFlightCounter network, Task work)
    {
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            Assert.True(real.Elapsed < TimeSpan.FromMinutes(2), "The callers did not finish within two minutes of real time.");
            if (network.InFlight == 0)
                aws.Clock.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }
        await work;
    }

    private static MetricAlarm Alarm(string name) => new(name, ValueMap.Of(
        ("MetricName", "CPUUtilization"), ("Namespace", "AWS/EC2"), ("Statistic", "Average"), ("Period", "60"),
        ("EvaluationPeriods", "1"), ("Threshold", "90"), ("ComparisonOperator", "GreaterThanThreshold")));
}
