using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Aws.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests.Resilience;

public class CallBudgetTests
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
    public async Task Concurrent_first_requests_still_get_one_bucket()
    {
        var buckets = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => budget.For("1", "r", "s"))));

        Assert.Single(buckets.Distinct());
    }
}
