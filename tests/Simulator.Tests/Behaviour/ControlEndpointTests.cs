using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>The HTTP control endpoint drives a simulator running in another process.</summary>
public sealed class ControlEndpointTests : SimulatorTest
{
    private readonly HttpClient http = new();

    public override async Task DisposeAsync()
    {
        http.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Reset_forgets_resources_and_counts()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 1, 0));

        using var reset = await http.PostAsync(Control("reset"), null);
        var images = await Client.Ec2Async("DescribeImages");
        var groups = await Client.AutoScalingAsync("DescribeAutoScalingGroups");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(images.Items("imagesSet"));
        Assert.Empty(groups.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
        Assert.Equal(0, Simulator.Control.RequestCount("CreateAutoScalingGroup"));
    }

    [Fact]
    public async Task Fixtures_posted_as_JSON_are_loaded_and_bad_ones_are_refused_with_the_reason()
    {
        var json = """
            { "regions": [ { "autoScalingGroups": [ {
                "name": "posted", "launchTemplate": { "launchTemplateName": "app" },
                "minSize": 1, "maxSize": 1, "desiredCapacity": 1, "availabilityZones": ["us-east-1a"] } ] } ] }
            """;

        using var loaded = await http.PostAsync(Control("fixtures"), new StringContent(json, Encoding.UTF8, "application/json"));
        using var misspelt = await http.PostAsync(Control("fixtures"), new StringContent("""{"regionz":[]}""", Encoding.UTF8, "application/json"));
        using var duplicate = await http.PostAsync(Control("fixtures"), new StringContent(json, Encoding.UTF8, "application/json"));
        var group = await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", "posted"));

        Assert.Equal(HttpStatusCode.NoContent, loaded.StatusCode);
        Assert.Equal("InService", group.Find("LifecycleState"));
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        Assert.Contains("regionz", await misspelt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("AutoScalingGroup by this name already exists", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_are_set_listed_and_cleared_over_HTTP()
    {
        using var set = await http.PutAsJsonAsync(Control("faults/DescribeAutoScalingGroups"), new { throttleRate = 1.0 });
        var listed = await http.GetFromJsonAsync<JsonElement>(Control("faults"));
        var throttled = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribeAutoScalingGroups"));
        using var cleared = await http.DeleteAsync(Control("faults"));
        await Client.AutoScalingAsync("DescribeAutoScalingGroups");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(1.0, listed.GetProperty("DescribeAutoScalingGroups").GetProperty("throttleRate").GetDouble());
        Assert.Equal("Throttling", throttled.Code);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
    }

    [Fact]
    public async Task Request_counts_are_read_over_HTTP()
    {
        await Client.AutoScalingAsync("DescribeAutoScalingGroups");
        await Client.AutoScalingAsync("DescribeAutoScalingGroups");
        await Client.Ec2Async("DescribeImages");

        var one = await http.GetFromJsonAsync<JsonElement>(Control("requests/DescribeAutoScalingGroups"));
        var all = await http.GetFromJsonAsync<JsonElement>(Control("requests"));

        Assert.Equal(2, one.GetProperty("count").GetInt32());
        Assert.Equal(2, all.GetProperty("DescribeAutoScalingGroups").GetInt32());
        Assert.Equal(1, all.GetProperty("DescribeImages").GetInt32());
    }

    [Fact]
    public async Task The_clock_is_read_over_HTTP_and_its_speed_cannot_change_on_a_fake_clock()
    {
        var clock = await http.GetFromJsonAsync<JsonElement>(Control("clock"));
        using var speed = await http.PutAsJsonAsync(Control("clock"), new { speed = 10 });
        using var unknown = await http.GetAsync(Control("nothing-here"));

        Assert.Equal(TestRegion.Start, clock.GetProperty("now").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Conflict, speed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_faster_system_clock_boots_instances_sooner_in_real_time()
    {
        await using var simulator = await SimulatedAws.StartAsync(new SimulatorOptions { Fixtures = TestRegion.Fixtures() });
        using var client = new QueryClient(simulator.Endpoint, SimulatedAccount.Default);
        using var speed = await http.PutAsJsonAsync(new Uri(simulator.Endpoint, "_simulator/clock"), new { speed = 600 });
        await client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("fast", 0, 1, 1));

        // 30 simulated seconds of boot take 50 ms of real time at 600x; allow a generous real-time deadline.
        await Poll.UntilAsync(
            async () => (await client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", "fast"))).Find("LifecycleState") == "InService",
            TimeSpan.FromSeconds(20),
            "the instance should go InService");

        Assert.Equal(HttpStatusCode.NoContent, speed.StatusCode);
    }

    [Fact]
    public async Task Applied_faults_are_set_and_listed_over_HTTP()
    {
        using var set = await http.PutAsJsonAsync(Control("faults/SetDesiredCapacity"), new { appliedServerErrorRate = 0.5, appliedDropRate = 0.25 });
        var listed = await http.GetFromJsonAsync<JsonElement>(Control("faults"));

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(0.5, listed.GetProperty("SetDesiredCapacity").GetProperty("appliedServerErrorRate").GetDouble());
        Assert.Equal(0.25, listed.GetProperty("SetDesiredCapacity").GetProperty("appliedDropRate").GetDouble());
    }

    [Fact]
    public async Task Settings_are_read_and_changed_over_HTTP()
    {
        using var changed = await http.PutAsJsonAsync(Control("settings"), new { eventualConsistencyLagSeconds = 7.5, signatureTimeCheck = true });
        var settings = await changed.Content.ReadFromJsonAsync<JsonElement>();
        using var negative = await http.PutAsJsonAsync(Control("settings"), new { eventualConsistencyLagSeconds = -1 });

        Assert.Equal(7.5, settings.GetProperty("eventualConsistencyLagSeconds").GetDouble());
        Assert.True(settings.GetProperty("signatureTimeCheck").GetBoolean());
        Assert.False(settings.GetProperty("rateLimiting").GetBoolean());
        Assert.Equal(TimeSpan.FromSeconds(7.5), Simulator.Control.EventualConsistencyLag);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
    }

    [Fact]
    public async Task A_group_metric_and_an_alarm_state_are_set_over_HTTP()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 1, 5, 1));
        var alarmName = (await Client.AutoScalingAsync(
            "PutScalingPolicy", ("AutoScalingGroupName", "web"), ("PolicyName", "cpu"), ("PolicyType", "TargetTrackingScaling"),
            ("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType", "ASGAverageCPUUtilization"),
            ("TargetTrackingConfiguration.TargetValue", "40"))).Find("AlarmName")!;

        using var metric = await http.PutAsJsonAsync(Control("groups/web/metric?region=us-east-1"), new { value = 100 });
        using var alarm = await http.PutAsJsonAsync(Control($"alarms/{alarmName}/state"), new { stateValue = "OK", stateReason = "calm" });
        using var missing = await http.PutAsJsonAsync(Control("groups/nope/metric"), new { value = 1 });
        Advance(180);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.BadRequest), (metric.StatusCode, alarm.StatusCode, missing.StatusCode));
        Assert.Equal("3", (await GroupAsync("web")).Text("DesiredCapacity"));
        Assert.Equal("calm", (await Client.CloudWatchAsync("DescribeAlarms", ("AlarmNames.member.1", alarmName))).Find("StateReason"));
    }

    [Fact]
    public async Task Waiting_lifecycle_actions_are_listed_over_HTTP_with_their_tokens()
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup("web", 0, 1, 1, more:
            [
                ("LifecycleHookSpecificationList.member.1.LifecycleHookName", "boot"),
                ("LifecycleHookSpecificationList.member.1.LifecycleTransition", "autoscaling:EC2_INSTANCE_LAUNCHING"),
            ]));

        var actions = await http.GetFromJsonAsync<JsonElement>(Control("lifecycle-actions?group=web"));

        var action = Assert.Single(actions.EnumerateArray());
        Assert.Equal(("web", "boot"), (action.GetProperty("groupName").GetString(), action.GetProperty("hookName").GetString()));
        Assert.Matches("^[0-9a-f-]{36}$", action.GetProperty("token").GetString()!);
    }

    private Uri Control(string path) => new(Simulator.Endpoint, "_simulator/" + path);
}
