using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Lifecycle hooks hold instances until the user's automation, a handler or a timeout lets them go.</summary>
public sealed class LifecycleHookTests : SimulatorTest
{
    private const string LaunchHook = "autoscaling:EC2_INSTANCE_LAUNCHING";
    private const string TerminateHook = "autoscaling:EC2_INSTANCE_TERMINATING";

    [Fact]
    public async Task A_group_waiting_on_a_launch_hook_reaches_steady_state_only_after_the_hook_completes()
    {
        await CreateWithHookAsync("web", LaunchHook, heartbeat: 600, defaultResult: "ABANDON", desired: 2);

        Advance(TestRegion.BootSecondsV1 + 60);
        var waiting = await InstancesAsync("web");
        var waitingActivities = await ActivitiesAsync("web");
        foreach (var (id, _, _) in waiting)
        {
            await Client.AutoScalingAsync(
                "CompleteLifecycleAction", ("AutoScalingGroupName", "web"), ("LifecycleHookName", "bootstrap"),
                ("LifecycleActionResult", "CONTINUE"), ("InstanceId", id));
        }
        var proceeded = await InstancesAsync("web");
        var activities = await ActivitiesAsync("web");

        Assert.Equal([("Pending:Wait", "Healthy"), ("Pending:Wait", "Healthy")], waiting.Select(i => (i.State, i.Health)));
        Assert.All(waitingActivities, a => Assert.Equal("MidLifecycleAction", a.Text("StatusCode")));
        Assert.Equal([("InService", "Healthy"), ("InService", "Healthy")], proceeded.Select(i => (i.State, i.Health)));
        Assert.All(activities, a => Assert.Equal("Successful", a.Text("StatusCode")));
    }

    [Fact]
    public async Task An_instance_whose_hook_completes_before_it_has_booted_proceeds_then_goes_in_service_when_booted()
    {
        await CreateWithHookAsync("web", LaunchHook, heartbeat: 600, defaultResult: "ABANDON", desired: 1);
        var id = Assert.Single(await InstancesAsync("web")).Id;

        await Client.AutoScalingAsync(
            "CompleteLifecycleAction", ("AutoScalingGroupName", "web"), ("LifecycleHookName", "bootstrap"),
            ("LifecycleActionResult", "CONTINUE"), ("InstanceId", id));
        var proceeding = Assert.Single(await InstancesAsync("web")).State;
        Advance(TestRegion.BootSecondsV1);
        var booted = Assert.Single(await InstancesAsync("web")).State;

        Assert.Equal(("Pending:Proceed", "InService"), (proceeding, booted));
    }

    [Fact]
    public async Task ABANDON_on_launch_cancels_the_launch_terminates_the_instance_and_launches_a_replacement()
    {
        await CreateWithHookAsync("web", LaunchHook, heartbeat: 600, defaultResult: "CONTINUE", desired: 1);
        var abandoned = Assert.Single(await InstancesAsync("web")).Id;

        await Client.AutoScalingAsync(
            "CompleteLifecycleAction", ("AutoScalingGroupName", "web"), ("LifecycleHookName", "bootstrap"),
            ("LifecycleActionResult", "ABANDON"), ("InstanceId", abandoned));
        var instances = await InstancesAsync("web");
        var activities = await ActivitiesAsync("web");
        var ec2 = await Client.Ec2Async("DescribeInstances", ("InstanceId.1", abandoned));

        var replacement = Assert.Single(instances, i => i.Id != abandoned);
        Assert.Equal("Pending:Wait", replacement.State);
        Assert.Equal("Terminating", instances.Single(i => i.Id == abandoned).State);
        Assert.Equal(2, activities.Count);
        Assert.Equal($"Launching a new EC2 instance: {replacement.Id}", activities[0].Text("Description"));
        Assert.Contains("increasing the capacity from 0 to 1", activities[0].Text("Cause"), StringComparison.Ordinal);
        Assert.Equal(("Cancelled", $"Launching a new EC2 instance: {abandoned}"), (activities[1].Text("StatusCode"), activities[1].Text("Description")));
        Assert.StartsWith("Instance failed to complete user's Lifecycle Action: Lifecycle Action with token ", activities[1].Text("StatusMessage"), StringComparison.Ordinal);
        Assert.EndsWith("was abandoned: Lifecycle Action Completed with ABANDON Result", activities[1].Text("StatusMessage"), StringComparison.Ordinal);
        Assert.Equal("shutting-down", ec2.Find("name"));
    }

    [Fact]
    public async Task The_heartbeat_timeout_applies_the_default_result_and_a_heartbeat_postpones_it()
    {
        await CreateWithHookAsync("web", LaunchHook, heartbeat: 300, defaultResult: "CONTINUE", desired: 1);
        var id = Assert.Single(await InstancesAsync("web")).Id;

        Advance(250);
        await Client.AutoScalingAsync(
            "RecordLifecycleActionHeartbeat", ("AutoScalingGroupName", "web"), ("LifecycleHookName", "bootstrap"), ("InstanceId", id));
        Advance(299);
        var heartbeaten = Assert.Single(await InstancesAsync("web")).State;
        Advance(1);
        var timedOut = Assert.Single(await InstancesAsync("web")).State;

        Assert.Equal(("Pending:Wait", "InService"), (heartbeaten, timedOut));
    }

    [Fact]
    public async Task A_timeout_with_the_default_ABANDON_keeps_replacing_instances_while_the_clock_jumps_ahead()
    {
        await CreateWithHookAsync("web", LaunchHook, heartbeat: 60, defaultResult: null, desired: 1);

        // One jump of ten minutes: each replacement waits 60 s and is abandoned in turn, in time order.
        Advance(600);
        var activities = await ActivitiesAsync("web");

        Assert.Equal(11, activities.Count);
        Assert.Equal("MidLifecycleAction", activities[0].Text("StatusCode"));
        Assert.All(activities.Skip(1), a => Assert.Equal("Cancelled", a.Text("StatusCode")));
        Assert.All(activities.Skip(1), a => Assert.EndsWith("was abandoned: Lifecycle Action timed out", a.Text("StatusMessage"), StringComparison.Ordinal));
        var starts = activities.Select(a => DateTimeOffset.Parse(a.Text("StartTime"), System.Globalization.CultureInfo.InvariantCulture)).Reverse().ToList();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => TestRegion.Start.AddSeconds(60 * i)), starts);
    }

    [Fact]
    public async Task A_fixture_hook_handler_completes_the_hook_of_any_group_that_copies_it()
    {
        Simulator.Control.LoadFixtures(new SimulatorFixtures
        {
            Regions = [new RegionFixture { LifecycleHookHandlers = [new LifecycleHookHandlerFixture { HookName = "bootstrap", GroupName = "checkout-*", AfterSeconds = 45 }] }],
        });
        await CreateWithHookAsync("checkout-r3", LaunchHook, heartbeat: 600, defaultResult: "ABANDON", desired: 1);
        await CreateWithHookAsync("other", LaunchHook, heartbeat: 600, defaultResult: "ABANDON", desired: 1);

        Advance(44);
        var before = (Assert.Single(await InstancesAsync("checkout-r3")).State, Assert.Single(await InstancesAsync("other")).State);
        Advance(1);
        var after = (Assert.Single(await InstancesAsync("checkout-r3")).State, Assert.Single(await InstancesAsync("other")).State);

        Assert.Equal(("Pending:Wait", "Pending:Wait"), before);
        Assert.Equal(("InService", "Pending:Wait"), after);
    }

    [Fact]
    public async Task A_terminate_hook_holds_a_scaled_in_instance_in_Terminating_Wait_until_completed()
    {
        await CreateWithHookAsync("web", TerminateHook, heartbeat: 600, defaultResult: "CONTINUE", desired: 1);
        Advance(TestRegion.BootSecondsV1);
        var id = Assert.Single(await InstancesAsync("web")).Id;

        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "0"));
        Advance(120);
        var waiting = Assert.Single(await InstancesAsync("web")).State;
        var activity = (await ActivitiesAsync("web"))[0].Text("StatusCode");
        var running = (await Client.Ec2Async("DescribeInstances", ("InstanceId.1", id))).Find("name");
        await Client.AutoScalingAsync(
            "CompleteLifecycleAction", ("AutoScalingGroupName", "web"), ("LifecycleHookName", "bootstrap"),
            ("LifecycleActionResult", "CONTINUE"), ("InstanceId", id));
        var proceeding = Assert.Single(await InstancesAsync("web")).State;
        Advance(10);

        Assert.Equal(("Terminating:Wait", "MidLifecycleAction", "running"), (waiting, activity, running));
        Assert.Equal("Terminating:Proceed", proceeding);
        Assert.Empty(await InstancesAsync("web"));
    }

    [Fact]
    public async Task Deleting_a_hook_abandons_the_launches_it_still_holds()
    {
        await CreateWithHookAsync("web", LaunchHook, heartbeat: 600, defaultResult: "CONTINUE", desired: 1);
        var held = Assert.Single(await InstancesAsync("web")).Id;

        await Client.AutoScalingAsync("DeleteLifecycleHook", ("AutoScalingGroupName", "web"), ("LifecycleHookName", "bootstrap"));
        var instances = await InstancesAsync("web");
        var hooks = await Client.AutoScalingAsync("DescribeLifecycleHooks", ("AutoScalingGroupName", "web"));

        Assert.Equal("Terminating", instances.Single(i => i.Id == held).State);
        Assert.Equal("Pending", instances.Single(i => i.Id != held).State);
        Assert.Empty(hooks.Items("DescribeLifecycleHooksResult/LifecycleHooks"));
    }

    [Theory]
    [InlineData("InstanceId", "i-0123456789abcdef0", "No active Lifecycle Action found with instance ID i-0123456789abcdef0")]
    [InlineData("LifecycleActionToken", "c0ffee00-0000-4000-8000-000000000000", "No active Lifecycle Action found with token c0ffee00-0000-4000-8000-000000000000")]
    public async Task Completing_an_action_that_is_not_waiting_is_a_ValidationError(string by, string value, string message)
    {
        await CreateWithHookAsync("web", LaunchHook, heartbeat: 600, defaultResult: "CONTINUE", desired: 0);

        var error = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync(
            "CompleteLifecycleAction", ("AutoScalingGroupName", "web"), ("LifecycleHookName", "bootstrap"),
            ("LifecycleActionResult", "CONTINUE"), (by, value)));

        Assert.Equal(("ValidationError", 400, message), (error.Code, error.Status, error.AwsMessage));
    }

    [Fact]
    public async Task A_lifecycle_action_is_completed_by_the_token_its_notification_would_carry()
    {
        await CreateWithHookAsync("web", TerminateHook, heartbeat: 600, defaultResult: "ABANDON", desired: 1);
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "0"));
        var pending = Assert.Single(Simulator.Control.LifecycleActions("web"));

        await Client.AutoScalingAsync(
            "CompleteLifecycleAction", ("AutoScalingGroupName", "web"), ("LifecycleHookName", "bootstrap"),
            ("LifecycleActionResult", "CONTINUE"), ("LifecycleActionToken", pending.Token));

        Assert.Equal((TerminateHook, TestRegion.Start.AddSeconds(600)), (pending.Transition, pending.TimesOutAt));
        Assert.Equal("Terminating:Proceed", Assert.Single(await InstancesAsync("web")).State);
        Assert.Empty(Simulator.Control.LifecycleActions("web"));
    }

    private async Task CreateWithHookAsync(string name, string transition, int heartbeat, string? defaultResult, int desired)
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup(
                name, 0, 4, 0,
                more:
                [
                    ("LifecycleHookSpecificationList.member.1.LifecycleHookName", "bootstrap"),
                    ("LifecycleHookSpecificationList.member.1.LifecycleTransition", transition),
                    ("LifecycleHookSpecificationList.member.1.HeartbeatTimeout", heartbeat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    .. defaultResult is null ? Array.Empty<(string, string)>() : [("LifecycleHookSpecificationList.member.1.DefaultResult", defaultResult)],
                ]));
        if (desired > 0)
            await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", name), ("DesiredCapacity", desired.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
