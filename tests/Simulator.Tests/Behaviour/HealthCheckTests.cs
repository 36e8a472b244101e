using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Auto Scaling's health model: EC2 checks never see the load balancer, ELB checks replace failing instances.</summary>
public sealed class HealthCheckTests : SimulatorTest
{
    private const int Grace = 60;

    [Fact]
    public async Task With_ELB_checks_a_failing_instance_is_marked_Unhealthy_when_the_grace_period_ends()
    {
        await CreateBrokenGroupAsync("broken", healthCheckType: "ELB");

        Advance(TestRegion.BootSecondsV2 + Grace - 1);
        var inGrace = Assert.Single(await InstancesAsync("broken"));
        Advance(1);
        var afterGrace = await InstancesAsync("broken");

        Assert.Equal(("InService", "Healthy"), (inGrace.State, inGrace.Health));
        Assert.Equal(("Terminating", "Unhealthy"), afterGrace.Single(i => i.Id == inGrace.Id) is var failed ? (failed.State, failed.Health) : default);
        Assert.Equal(("Pending", "Healthy"), afterGrace.Single(i => i.Id != inGrace.Id) is var replacement ? (replacement.State, replacement.Health) : default);
    }

    [Fact]
    public async Task Failing_instances_are_replaced_again_and_again_as_in_AWS()
    {
        await CreateBrokenGroupAsync("broken", healthCheckType: "ELB");

        // Each instance boots (20 s) and fails at the end of its grace period (60 s): 80 s a round.
        Advance(400);
        var activities = await ActivitiesAsync("broken");

        var terminations = activities.Where(a => a.Text("Description").StartsWith("Terminating", StringComparison.Ordinal)).ToList();
        var launches = activities.Where(a => a.Text("Description").StartsWith("Launching", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, terminations.Count);
        Assert.Equal(6, launches.Count);
        Assert.All(terminations, t => Assert.EndsWith("an instance was taken out of service in response to an ELB system health check failure.", t.Text("Cause"), StringComparison.Ordinal));
        Assert.All(launches.Take(5), l => Assert.Contains("increasing the capacity from 0 to 1", l.Text("Cause"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_EC2_checks_a_failing_instance_stays_Healthy_and_is_never_replaced()
    {
        await CreateBrokenGroupAsync("broken", healthCheckType: "EC2");

        Advance(3600);
        var instance = Assert.Single(await InstancesAsync("broken"));

        Assert.Equal(("InService", "Healthy"), (instance.State, instance.Health));
        Assert.Single(await ActivitiesAsync("broken"));
    }

    [Fact]
    public async Task With_ReplaceUnhealthy_suspended_the_instance_is_marked_but_kept_until_the_process_resumes()
    {
        await CreateBrokenGroupAsync("broken", healthCheckType: "ELB");
        await Client.AutoScalingAsync("SuspendProcesses", ("AutoScalingGroupName", "broken"), ("ScalingProcesses.member.1", "ReplaceUnhealthy"));

        Advance(TestRegion.BootSecondsV2 + Grace + 600);
        var kept = Assert.Single(await InstancesAsync("broken"));
        await Client.AutoScalingAsync("ResumeProcesses", ("AutoScalingGroupName", "broken"), ("ScalingProcesses.member.1", "ReplaceUnhealthy"));
        var replaced = await InstancesAsync("broken");

        Assert.Equal(("InService", "Unhealthy"), (kept.State, kept.Health));
        Assert.Equal("Terminating", replaced.Single(i => i.Id == kept.Id).State);
        Assert.Equal(2, replaced.Count);
    }

    [Fact]
    public async Task SetInstanceHealth_Unhealthy_replaces_the_instance_once_the_grace_period_is_over()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 1, more: ("HealthCheckGracePeriod", "300")));
        Advance(TestRegion.BootSecondsV1);
        var id = Assert.Single(await InstancesAsync("web")).Id;

        await Client.AutoScalingAsync("SetInstanceHealth", ("InstanceId", id), ("HealthStatus", "Unhealthy"));
        var respected = Assert.Single(await InstancesAsync("web"));
        await Client.AutoScalingAsync("SetInstanceHealth", ("InstanceId", id), ("HealthStatus", "Unhealthy"), ("ShouldRespectGracePeriod", "false"));
        var replaced = await InstancesAsync("web");

        Assert.Equal(("InService", "Healthy"), (respected.State, respected.Health));
        Assert.Equal(("Terminating", "Unhealthy"), replaced.Single(i => i.Id == id) is var old ? (old.State, old.Health) : default);
        Assert.EndsWith("an instance was taken out of service in response to a user health-check.", (await ActivitiesAsync("web"))[1].Text("Cause"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_reported_Unhealthy_within_its_grace_period_is_replaced_when_the_period_ends()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 1, more: ("HealthCheckGracePeriod", "300")));
        Advance(TestRegion.BootSecondsV1);
        var id = Assert.Single(await InstancesAsync("web")).Id;

        await Client.AutoScalingAsync("SetInstanceHealth", ("InstanceId", id), ("HealthStatus", "Unhealthy"));
        Advance(299);
        var waiting = Assert.Single(await InstancesAsync("web")).State;
        Advance(1);

        Assert.Equal("InService", waiting);
        Assert.Equal("Terminating", (await InstancesAsync("web")).Single(i => i.Id == id).State);
    }

    [Fact]
    public async Task Grace_period_and_default_instance_warmup_are_stored_and_described()
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 1, 0, more: [("HealthCheckGracePeriod", "120"), ("DefaultInstanceWarmup", "90")]));
        await Client.AutoScalingAsync("UpdateAutoScalingGroup", ("AutoScalingGroupName", "web"), ("DefaultInstanceWarmup", "45"));

        var group = await GroupAsync("web");

        Assert.Equal(("120", "45"), (group.Text("HealthCheckGracePeriod"), group.Text("DefaultInstanceWarmup")));
    }

    private async Task CreateBrokenGroupAsync(string name, string healthCheckType)
    {
        await Client.Ec2Async(
            "CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("SourceVersion", "1"), ("LaunchTemplateData.ImageId", TestRegion.BrokenImage));
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup(
                name, 0, 2, 1, version: "2",
                ("TargetGroupARNs.member.1", TestRegion.TargetGroupArn),
                ("HealthCheckType", healthCheckType),
                ("HealthCheckGracePeriod", Grace.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
