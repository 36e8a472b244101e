using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Injected faults fail calls the way each service fails them, reproducibly for a seed.</summary>
public sealed class FaultInjectionTests : SimulatorTest
{
    [Theory]
    [InlineData("autoscaling", "2011-01-01", "DescribeAutoScalingGroups", "Throttling", 400, "Rate exceeded")]
    [InlineData("elasticloadbalancing", "2015-12-01", "DescribeTargetGroups", "Throttling", 400, "Rate exceeded")]
    [InlineData("sts", "2011-06-15", "GetCallerIdentity", "Throttling", 400, "Rate exceeded")]
    [InlineData("ec2", "2016-11-15", "DescribeImages", "RequestLimitExceeded", 503, "Request limit exceeded.")]
    public async Task Full_throttling_fails_every_call_with_the_service_throttling_error(
        string service, string version, string action, string code, int status, string message)
    {
        Simulator.Control.SetFault(action, new FaultSettings(ThrottleRate: 1));

        var error = await Assert.ThrowsAsync<QueryException>(() => Client.CallAsync(service, version, action));

        Assert.Equal((code, status, message), (error.Code, error.Status, error.AwsMessage));
    }

    [Theory]
    [InlineData("autoscaling", "2011-01-01", "DescribeAutoScalingGroups", "InternalFailure")]
    [InlineData("ec2", "2016-11-15", "DescribeImages", "InternalError")]
    public async Task A_full_server_error_rate_fails_every_call_with_500(string service, string version, string action, string code)
    {
        Simulator.Control.SetFault("*", new FaultSettings(ServerErrorRate: 1));

        var error = await Assert.ThrowsAsync<QueryException>(() => Client.CallAsync(service, version, action));

        Assert.Equal((code, 500), (error.Code, error.Status));
    }

    [Fact]
    public async Task Faults_of_one_action_leave_the_others_alone_and_clear()
    {
        Simulator.Control.SetFault("DescribePolicies", new FaultSettings(ThrottleRate: 1));

        await Client.AutoScalingAsync("DescribeAutoScalingGroups");
        await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribePolicies"));
        Simulator.Control.ClearFaults();
        await Client.AutoScalingAsync("DescribePolicies");

        Assert.Equal(2, Simulator.Control.RequestCount("DescribePolicies"));
        Assert.Equal(1, Simulator.Control.RequestCount("DescribeAutoScalingGroups"));
    }

    [Fact]
    public async Task A_fault_with_a_number_of_times_is_spent_after_that_many_failures()
    {
        Simulator.Control.SetFault("DescribePolicies", new FaultSettings(ServerErrorRate: 1, Times: 2));

        await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribePolicies"));
        await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribePolicies"));
        await Client.AutoScalingAsync("DescribePolicies");
        await Client.AutoScalingAsync("DescribePolicies");

        Assert.Equal([false, false, true, true], Simulator.Control.Requests("DescribePolicies").Select(r => r.Succeeded));
    }

    [Fact]
    public async Task A_partial_rate_fails_some_calls_and_the_same_seed_fails_the_same_ones()
    {
        var first = await Outcomes(seed: 7);
        var again = await Outcomes(seed: 7);
        var otherSeed = await Outcomes(seed: 8);

        Assert.Equal(first, again);
        Assert.Contains("Throttling", first);
        Assert.Contains("InternalFailure", first);
        Assert.Contains("ok", first);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public async Task Latency_is_waited_on_the_injected_clock()
    {
        Simulator.Control.SetFault("DescribeAutoScalingGroups", new FaultSettings(Latency: TimeSpan.FromSeconds(5)));

        var call = Client.AutoScalingAsync("DescribeAutoScalingGroups");
        await Poll.UntilAsync(() => Simulator.Control.RequestCount("DescribeAutoScalingGroups") == 1);
        var advanced = TimeSpan.Zero;
        while (!call.IsCompleted)
        {
            Assert.True(advanced < TimeSpan.FromMinutes(1), "The call never completed while the fake clock moved.");
            Clock.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        }

        await call;
        Assert.True(advanced >= TimeSpan.FromSeconds(5), $"completed after only {advanced} of simulated time");
    }

    [Fact]
    public async Task An_applied_server_error_carries_out_the_action_then_answers_500()
    {
        Simulator.Control.SetFault("CreateAutoScalingGroup", new FaultSettings(AppliedServerErrorRate: 1));

        var error = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 1, 1)));
        var logged = Assert.Single(Simulator.Control.Requests("CreateAutoScalingGroup"));

        Assert.Equal(("InternalFailure", 500), (error.Code, error.Status));
        Assert.Single(await InstancesAsync("web"));
        Assert.True(logged.AppliedDespiteFailure);
        Assert.Equal("InternalFailure", logged.ResultCode);
    }

    [Fact]
    public async Task An_applied_drop_carries_out_the_action_then_closes_the_connection_without_an_answer()
    {
        Simulator.Control.SetFault("SetDesiredCapacity", new FaultSettings(AppliedDropRate: 1));
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 3, 0));

        // The client sees the connection end before any response: HttpClient reports it as a failed send.
        await Assert.ThrowsAsync<HttpRequestException>(() => Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "2")));
        var logged = Assert.Single(Simulator.Control.Requests("SetDesiredCapacity"));

        Assert.Equal("2", (await GroupAsync("web")).Text("DesiredCapacity"));
        Assert.Equal(2, (await InstancesAsync("web")).Count);
        Assert.Equal((0, "ConnectionDropped", true), (logged.HttpStatus, logged.ResultCode, logged.AppliedDespiteFailure));
    }

    [Fact]
    public async Task Applied_faults_are_drawn_from_the_same_seeded_sequence_as_the_others()
    {
        var first = await Outcomes(seed: 7, new FaultSettings(ThrottleRate: 0.25, AppliedServerErrorRate: 0.25, AppliedDropRate: 0.25));
        var again = await Outcomes(seed: 7, new FaultSettings(ThrottleRate: 0.25, AppliedServerErrorRate: 0.25, AppliedDropRate: 0.25));

        Assert.Equal(first, again);
        Assert.Contains("Throttling", first);
        Assert.Contains("InternalFailure", first);
        Assert.Contains("dropped", first);
        Assert.Contains("ok", first);
    }

    [Fact]
    public void Fault_rates_that_add_up_to_more_than_one_are_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Simulator.Control.SetFault("*", new FaultSettings(ThrottleRate: 0.6, AppliedDropRate: 0.6)));

        Assert.Contains("must not exceed 1", error.Message, StringComparison.Ordinal);
    }

    private Task<List<string>> Outcomes(int seed) => Outcomes(seed, new FaultSettings(ThrottleRate: 0.4, ServerErrorRate: 0.3));

    private async Task<List<string>> Outcomes(int seed, FaultSettings faults)
    {
        await using var simulator = await TestRegion.StartAsync(TestRegion.NewClock(), faultSeed: seed);
        using var client = new QueryClient(simulator.Endpoint, SimulatedAccount.Default);
        simulator.Control.SetFault("DescribeAutoScalingGroups", faults);
        var outcomes = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            try
            {
                await client.AutoScalingAsync("DescribeAutoScalingGroups");
                outcomes.Add("ok");
            }
            catch (QueryException error)
            {
                outcomes.Add(error.Code);
            }
            catch (HttpRequestException)
            {
                outcomes.Add("dropped");
            }
        }
        return outcomes;
    }
}
