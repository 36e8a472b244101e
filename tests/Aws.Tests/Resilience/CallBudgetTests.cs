using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Aws.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests.Resilience;

public sealed class CallBudgetTests
{
    private readonly CallBudget budget = new(new RateLimitOptions { RequestsPerSecond = 1, Burst = 1 }, new FakeTimeProvider());

    [Fact]
    public void Same_account_region_and_service_share_one_bucket()
    {
        Assert.Same(budget.For("111", "us-east-1", "autoscaling"), budget.For("111", "us-east-1", "autoscaling"));
    }

    [Theory]
    [InlineData("222", "us-east-1", "autoscaling")]
    [InlineData("111", "eu-west-1", "autoscaling")]
    [InlineData("111", "us-east-1", "ec2")]
    public void Any_other_account_region_or_service_has_its_own(string account, string region, string service)
    {
        Assert.NotSame(budget.For("111", "us-east-1", "autoscaling"), budget.For(account, region, service));
    }

    [Fact]
    public async Task A_service_named_in_the_options_is_limited_by_its_own_budget_and_the_others_by_the_default()
    {
        var time = new FakeTimeProvider();
        var budgets = new CallBudget(
            new RateLimitOptions { RequestsPerSecond = 100, Burst = 100, Services = new Dictionary<string, ServiceBudget> { ["monitoring"] = new(1, 1) } },
            time);

        await budgets.For("1", "r", "monitoring").AcquireAsync(CancellationToken.None);
        var waiting = budgets.For("1", "r", "monitoring").AcquireAsync(CancellationToken.None).AsTask();
        var others = Enumerable.Range(0, 50).Select(_ => budgets.For("1", "r", "autoscaling").AcquireAsync(CancellationToken.None).AsTask()).ToList();

        Assert.All(others, o => Assert.True(o.IsCompletedSuccessfully));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await waiting;
    }

    [Theory]
    [InlineData("autoscaling", 10)]
    [InlineData("ec2", 10)]
    [InlineData("sts", 10)]
    [InlineData("elbv2", 20)]
    [InlineData("elb", 20)]
    [InlineData("monitoring", 2)]
    public void The_default_bursts_follow_each_service_s_published_limits(string service, int burst)
    {
        var defaults = new CallBudget(new RateLimitOptions(), new FakeTimeProvider());

        Assert.Equal(burst, defaults.For("1", "r", service).Available);
    }

    [Fact]
    public async Task Concurrent_first_requests_still_get_one_bucket()
    {
        var buckets = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => budget.For("1", "r", "s"))));

        Assert.Single(buckets.Distinct());
    }
}
