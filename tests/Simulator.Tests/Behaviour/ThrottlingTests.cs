using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>AWS-like token buckets per account, region and API, refilled on the simulated clock.</summary>
public sealed class ThrottlingTests : SimulatorTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Simulator.Control.RateLimiting = true;
    }

    [Fact]
    public async Task Auto_Scaling_describe_calls_have_a_bucket_of_forty_refilled_at_ten_a_second()
    {
        for (var i = 0; i < 40; i++)
            await Client.AutoScalingAsync("DescribeAutoScalingGroups");

        var throttled = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribeAutoScalingGroups"));
        var otherApi = await Client.AutoScalingAsync("DescribePolicies");
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        await Client.AutoScalingAsync("DescribeAutoScalingGroups");
        var again = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribeAutoScalingGroups"));

        Assert.Equal(("Throttling", 400, "Rate exceeded"), (throttled.Code, throttled.Status, throttled.AwsMessage));
        Assert.NotNull(otherApi);
        Assert.Equal("Throttling", again.Code);
        var bucket = Simulator.Control.RateLimits().Single(b => b.Api == "DescribeAutoScalingGroups");
        Assert.Equal((new RateLimit(40, 10), 2), (bucket.Limit, bucket.Throttled));
    }

    [Fact]
    public async Task Auto_Scaling_mutating_calls_have_a_bucket_of_twenty_refilled_at_five_a_second()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 1, 0));
        for (var i = 0; i < 20; i++)
            await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "0"));

        var throttled = await Assert.ThrowsAsync<QueryException>(() =>
            Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "0")));
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "0"));

        Assert.Equal("Throttling", throttled.Code);
    }

    [Fact]
    public async Task EC2_throttles_with_503_RequestLimitExceeded_and_unfiltered_DescribeInstances_has_the_smaller_bucket()
    {
        for (var i = 0; i < 50; i++)
            await Client.Ec2Async("DescribeInstances");

        var unfiltered = await Assert.ThrowsAsync<QueryException>(() => Client.Ec2Async("DescribeInstances"));
        var filtered = await Client.Ec2Async("DescribeInstances", ("Filter.1.Name", "instance-state-name"), ("Filter.1.Value.1", "running"));

        Assert.Equal(("RequestLimitExceeded", 503, "Request limit exceeded."), (unfiltered.Code, unfiltered.Status, unfiltered.AwsMessage));
        Assert.NotNull(filtered);
        Assert.Contains(Simulator.Control.RateLimits(), b => b.Api == "DescribeInstances (unfiltered, unpaginated)" && b.Limit == new RateLimit(50, 10));
    }

    [Fact]
    public async Task Each_account_and_region_has_its_own_buckets()
    {
        using var westClient = new QueryClient(Simulator.Endpoint, SimulatedAccount.Default, "eu-west-1");
        Simulator.Control.SetRateLimit("DescribeAutoScalingGroups", new RateLimit(1, 1));

        await Client.AutoScalingAsync("DescribeAutoScalingGroups");
        await westClient.AutoScalingAsync("DescribeAutoScalingGroups");
        var throttled = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribeAutoScalingGroups"));

        Assert.Equal("Throttling", throttled.Code);
    }

    [Fact]
    public async Task Limiting_is_switched_off_and_limits_are_overridden_over_the_control_endpoint()
    {
        using var http = new HttpClient();
        using var limit = await http.PutAsJsonAsync(new Uri(Simulator.Endpoint, "_simulator/rate-limits/DescribePolicies"), new { bucket = 1, refillPerSecond = 0.5 });
        await Client.AutoScalingAsync("DescribePolicies");
        var limited = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribePolicies"));
        using var off = await http.PutAsJsonAsync(new Uri(Simulator.Endpoint, "_simulator/settings"), new { rateLimiting = false });
        await Client.AutoScalingAsync("DescribePolicies");
        var state = await http.GetFromJsonAsync<JsonElement>(new Uri(Simulator.Endpoint, "_simulator/rate-limits"));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.OK), (limit.StatusCode, off.StatusCode));
        Assert.Equal("Throttling", limited.Code);
        Assert.False(state.GetProperty("enabled").GetBoolean());
        Assert.Equal(1, state.GetProperty("overrides").GetProperty("DescribePolicies").GetProperty("bucket").GetInt32());
    }
}
