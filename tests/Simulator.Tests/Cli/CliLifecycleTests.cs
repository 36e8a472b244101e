using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against lifecycle hooks that hold instances, and the calls that let them go.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliLifecycleTests : SimulatorTest
{
    [Fact]
    public async Task Instances_wait_on_a_launch_hook_until_completed_and_an_abandoned_one_is_replaced()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 0));
        await Cli.JsonAsync(
            "autoscaling", "put-lifecycle-hook", "--auto-scaling-group-name", "web", "--lifecycle-hook-name", "bootstrap",
            "--lifecycle-transition", "autoscaling:EC2_INSTANCE_LAUNCHING", "--heartbeat-timeout", "600", "--default-result", "ABANDON");
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "2"));
        Advance(TestRegion.BootSecondsV1);

        // The CLI's reading of a group is proven elsewhere; here it is the lifecycle calls that go through it.
        var waiting = await InstancesAsync("web");
        var ids = waiting.Select(i => i.Id).Order(StringComparer.Ordinal).ToList();
        await Cli.JsonAsync(
            "autoscaling", "record-lifecycle-action-heartbeat", "--auto-scaling-group-name", "web", "--lifecycle-hook-name", "bootstrap", "--instance-id", ids[0]);
        await Cli.JsonAsync(
            "autoscaling", "complete-lifecycle-action", "--auto-scaling-group-name", "web", "--lifecycle-hook-name", "bootstrap",
            "--lifecycle-action-result", "CONTINUE", "--instance-id", ids[0]);
        await Client.AutoScalingAsync(
            "CompleteLifecycleAction", ("AutoScalingGroupName", "web"), ("LifecycleHookName", "bootstrap"),
            ("LifecycleActionResult", "ABANDON"), ("InstanceId", ids[1]));
        var activities = (await Cli.OutputAsync("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "web"))
            .GetProperty("Activities").EnumerateArray().ToList();
        var notWaiting = await Cli.ErrorAsync(
            "autoscaling", "complete-lifecycle-action", "--auto-scaling-group-name", "web", "--lifecycle-hook-name", "bootstrap",
            "--lifecycle-action-result", "CONTINUE", "--instance-id", ids[0]);

        Assert.All(waiting, i => Assert.Equal("Pending:Wait", i.State));
        Assert.Equal("InService", (await InstancesAsync("web")).Single(i => i.Id == ids[0]).State);
        // Newest first: the replacement still waiting, then the two first launches, one completed and one abandoned.
        Assert.Equal("MidLifecycleAction", activities[0].GetProperty("StatusCode").GetString());
        Assert.Equal(["Cancelled", "Successful"], activities.Skip(1).Select(a => a.GetProperty("StatusCode").GetString()).Order(StringComparer.Ordinal));
        var cancelled = activities.Single(a => a.GetProperty("StatusCode").GetString() == "Cancelled");
        Assert.Equal($"Launching a new EC2 instance: {ids[1]}", cancelled.GetProperty("Description").GetString());
        Assert.StartsWith("Instance failed to complete user's Lifecycle Action", cancelled.GetProperty("StatusMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            $"An error occurred (ValidationError) when calling the CompleteLifecycleAction operation: No active Lifecycle Action found with instance ID {ids[0]}",
            notWaiting);
    }

    [Fact]
    public async Task A_deleted_hook_is_gone_from_the_group()
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup("web", 0, 1, 0, more:
            [
                ("LifecycleHookSpecificationList.member.1.LifecycleHookName", "drain"),
                ("LifecycleHookSpecificationList.member.1.LifecycleTransition", "autoscaling:EC2_INSTANCE_TERMINATING"),
            ]));

        await Cli.JsonAsync("autoscaling", "delete-lifecycle-hook", "--auto-scaling-group-name", "web", "--lifecycle-hook-name", "drain");
        var hooks = await Client.AutoScalingAsync("DescribeLifecycleHooks", ("AutoScalingGroupName", "web"));

        Assert.Empty(hooks.Items("DescribeLifecycleHooksResult/LifecycleHooks"));
    }
}
