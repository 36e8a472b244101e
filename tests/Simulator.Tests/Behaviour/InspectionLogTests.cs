using System.Net.Http.Json;
using System.Text.Json;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>The inspection log: every request in order, with its time, caller, parameters and result.</summary>
public sealed class InspectionLogTests : SimulatorTest
{
    [Fact]
    public async Task Requests_are_listed_in_order_with_time_caller_parameters_and_result()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 1));
        Advance(5);
        await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "9")));

        var log = Simulator.Control.Requests();

        Assert.Equal(["CreateAutoScalingGroup", "SetDesiredCapacity"], log.Select(r => r.Action));
        Assert.True(log[0].Sequence < log[1].Sequence);
        Assert.Equal((TestRegion.Start, "123456789012", "us-east-1", "autoscaling"), (log[0].Time, log[0].AccountId!, log[0].Region!, log[0].Service));
        Assert.Equal(("web", "1"), (log[0].Parameters["AutoScalingGroupName"], log[0].Parameters["DesiredCapacity"]));
        Assert.False(log[0].Parameters.ContainsKey("Action"));
        Assert.Equal((200, "OK"), (log[0].HttpStatus, log[0].ResultCode));
        Assert.Equal((TestRegion.Start.AddSeconds(5), 400, "ValidationError"), (log[1].Time, log[1].HttpStatus, log[1].ResultCode));
    }

    [Fact]
    public async Task User_data_and_secrets_are_redacted()
    {
        await Client.Ec2Async(
            "CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("LaunchTemplateData.UserData", "c2VjcmV0LXBhc3N3b3Jk"));

        var logged = Assert.Single(Simulator.Control.Requests("CreateLaunchTemplateVersion"));

        Assert.Equal("(redacted)", logged.Parameters["LaunchTemplateData.UserData"]);
        Assert.Equal(TestRegion.TemplateId, logged.Parameters["LaunchTemplateId"]);
    }

    [Fact]
    public async Task Scaling_activities_carry_the_sequence_of_the_request_that_caused_them()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 4, 1));
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "3"));

        var log = Simulator.Control.Requests();
        var activities = await ActivitiesAsync("web");

        Assert.Single(log[0].ActivityIds);
        Assert.Equal(2, log[1].ActivityIds.Count);
        Assert.All(activities, a =>
        {
            var request = log.Single(r => r.ActivityIds.Contains(a.Text("ActivityId")));
            var details = JsonDocument.Parse(a.Text("Details")).RootElement;
            Assert.Equal(request.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), details.GetProperty("Simulator Request Sequence").GetString());
        });
    }

    [Fact]
    public async Task The_log_is_read_by_action_and_since_a_sequence_over_HTTP()
    {
        await Client.AutoScalingAsync("DescribeAutoScalingGroups");
        var mark = Simulator.Control.LastRequestSequence;
        await Client.AutoScalingAsync("DescribeAutoScalingGroups");
        await Client.Ec2Async("DescribeImages");

        using var http = new HttpClient();
        var since = await http.GetFromJsonAsync<JsonElement>(new Uri(Simulator.Endpoint, $"_simulator/log?since={mark}"));
        var describes = await http.GetFromJsonAsync<JsonElement>(new Uri(Simulator.Endpoint, "_simulator/log?action=DescribeAutoScalingGroups"));

        Assert.Equal(["DescribeAutoScalingGroups", "DescribeImages"], since.EnumerateArray().Select(r => r.GetProperty("action").GetString()));
        Assert.Equal(2, describes.GetArrayLength());
        Assert.Equal("ec2", since[1].GetProperty("service").GetString());
    }

    [Fact]
    public async Task The_log_keeps_only_the_latest_requests()
    {
        await using var simulator = await SimulatedAws.StartAsync(new SimulatorOptions { Clock = Clock, RequestLogCapacity = 3, RateLimiting = false });
        using var client = new QueryClient(simulator.Endpoint, SimulatedAccount.Default);
        for (var i = 0; i < 5; i++)
            await client.AutoScalingAsync("DescribeAutoScalingGroups", ("MaxRecords", $"{i + 1}"));

        var kept = simulator.Control.Requests();

        Assert.Equal(["3", "4", "5"], kept.Select(r => r.Parameters["MaxRecords"]));
        Assert.Equal(5, simulator.Control.RequestCount("DescribeAutoScalingGroups"));
    }
}
