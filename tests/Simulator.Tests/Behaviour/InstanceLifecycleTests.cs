using System.Xml.Linq;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Instances move along the simulated schedule, driven only by the fake clock.</summary>
public sealed class InstanceLifecycleTests : SimulatorTest
{
    [Fact]
    public async Task Instances_stay_pending_until_the_image_boot_time_then_go_in_service()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 2));

        var launched = await Instances("web");
        Advance(TestRegion.BootSecondsV1 - 1);
        var almost = await Instances("web");
        Advance(1);
        var booted = await Instances("web");

        Assert.Equal([("Pending", "Healthy"), ("Pending", "Healthy")], launched.Select(i => (i.State, i.Health)));
        Assert.All(almost, i => Assert.Equal("Pending", i.State));
        Assert.Equal([("InService", "Healthy"), ("InService", "Healthy")], booted.Select(i => (i.State, i.Health)));
    }

    [Fact]
    public async Task Target_health_is_initial_while_booting_and_checking_then_healthy()
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 1, 1, more: ("TargetGroupARNs.member.1", TestRegion.TargetGroupArn)));

        var booting = await TargetHealth();
        Advance(TestRegion.BootSecondsV1);
        var checking = await TargetHealth();
        Advance(TestRegion.HealthySeconds - 1);
        var almost = await TargetHealth();
        Advance(1);
        var healthy = await TargetHealth();

        Assert.Equal(("initial", "Elb.RegistrationInProgress"), booting);
        Assert.Equal(("initial", "Elb.InitialHealthChecking"), checking);
        Assert.Equal(("initial", "Elb.InitialHealthChecking"), almost);
        Assert.Equal(("healthy", null), healthy);
    }

    [Fact]
    public async Task A_never_healthy_image_fails_load_balancer_checks_but_stays_healthy_to_EC2_health_checks()
    {
        await Client.Ec2Async(
            "CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("SourceVersion", "1"), ("LaunchTemplateData.ImageId", TestRegion.BrokenImage));
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup("broken", 0, 1, 1, version: "2", ("TargetGroupARNs.member.1", TestRegion.TargetGroupArn), ("LoadBalancerNames.member.1", TestRegion.LoadBalancer)));

        Advance(TestRegion.BootSecondsV2 + TestRegion.HealthySeconds);
        var soon = await Instances("broken");
        var soonTarget = await TargetHealth();
        Advance(3600);
        var later = await Instances("broken");
        var laterTarget = await TargetHealth();
        var classic = await Client.ClassicElbAsync("DescribeInstanceHealth", ("LoadBalancerName", TestRegion.LoadBalancer));

        Assert.Equal([("InService", "Healthy")], soon.Select(i => (i.State, i.Health)));
        Assert.Equal(("unhealthy", "Target.FailedHealthChecks"), soonTarget);
        Assert.Equal(soon, later);
        Assert.Equal(("unhealthy", "Target.FailedHealthChecks"), laterTarget);
        Assert.Equal("OutOfService", Assert.Single(classic.Items("DescribeInstanceHealthResult/InstanceStates")).Text("State"));
    }

    [Fact]
    public async Task Scale_in_terminates_instances_which_drain_then_disappear()
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 2, more: ("TargetGroupARNs.member.1", TestRegion.TargetGroupArn)));
        Advance(TestRegion.BootSecondsV1 + TestRegion.HealthySeconds);

        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "1"));
        var terminating = await Instances("web");
        var draining = (await Client.ElbV2Async("DescribeTargetHealth", ("TargetGroupArn", TestRegion.TargetGroupArn)))
            .Items("DescribeTargetHealthResult/TargetHealthDescriptions").Select(d => d.Text("TargetHealth/State")).Order().ToList();
        Advance(TestRegion.DrainSeconds + 10);
        var remaining = await Instances("web");
        var victim = terminating.Single(i => i.State == "Terminating").Id;
        var ec2View = await Client.Ec2Async("DescribeInstances", ("InstanceId.1", victim));

        Assert.Equal(["draining", "healthy"], draining);
        Assert.Equal([("InService", "Healthy")], remaining.Select(i => (i.State, i.Health)));
        Assert.DoesNotContain(victim, remaining.Select(i => i.Id));
        Assert.Equal("terminated", ec2View.Find("name"));
        var health = await Client.ElbV2Async("DescribeTargetHealth", ("TargetGroupArn", TestRegion.TargetGroupArn));
        Assert.Equal("healthy", Assert.Single(health.Items("DescribeTargetHealthResult/TargetHealthDescriptions")).Text("TargetHealth/State"));
    }

    [Fact]
    public async Task Scale_in_picks_instances_of_an_outdated_template_version_first()
    {
        // Zones listed b before a put the outdated instance in us-east-1b, so picking by zone name alone would take the other.
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            ("AutoScalingGroupName", "web"), ("LaunchTemplate.LaunchTemplateId", TestRegion.TemplateId), ("LaunchTemplate.Version", "$Latest"),
            ("MinSize", "0"), ("MaxSize", "4"), ("DesiredCapacity", "1"),
            ("AvailabilityZones.member.1", "us-east-1b"), ("AvailabilityZones.member.2", "us-east-1a"));
        await Client.Ec2Async(
            "CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("SourceVersion", "1"), ("LaunchTemplateData.ImageId", TestRegion.ImageV2));
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "2"));

        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "1"));
        var group = await Group("web");

        var byVersion = group.Items("Instances").ToDictionary(i => i.Text("LaunchTemplate/Version"), i => (i.Text("LifecycleState"), i.Text("AvailabilityZone")));
        Assert.Equal(("Terminating", "us-east-1b"), byVersion["1"]);
        Assert.Equal(("Pending", "us-east-1a"), byVersion["2"]);
    }

    [Fact]
    public async Task Scale_in_keeps_zones_balanced()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 4, 4));

        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "2"));
        var live = (await Group("web")).Items("Instances").Where(i => i.Text("LifecycleState") != "Terminating").Select(i => i.Text("AvailabilityZone"));

        Assert.Equal(["us-east-1a", "us-east-1b"], live.Order());
    }

    [Fact]
    public async Task Suspended_terminate_keeps_instances_until_resumed()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 2));
        await Client.AutoScalingAsync("SuspendProcesses", ("AutoScalingGroupName", "web"), ("ScalingProcesses.member.1", "Terminate"));

        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "0"));
        var suspended = await Instances("web");
        await Client.AutoScalingAsync("ResumeProcesses", ("AutoScalingGroupName", "web"), ("ScalingProcesses.member.1", "Terminate"));
        var resumed = await Instances("web");

        Assert.All(suspended, i => Assert.Equal("Pending", i.State));
        Assert.Equal(2, suspended.Count);
        Assert.All(resumed, i => Assert.Equal("Terminating", i.State));
    }

    [Fact]
    public async Task Update_raising_min_size_raises_desired_capacity_and_launches()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 4, 0));

        await Client.AutoScalingAsync("UpdateAutoScalingGroup", ("AutoScalingGroupName", "web"), ("MinSize", "3"));
        var group = await Group("web");

        Assert.Equal("3", group.Text("DesiredCapacity"));
        Assert.Equal(3, group.Items("Instances").Count);
    }

    [Fact]
    public async Task A_launch_from_a_missing_image_is_a_failed_activity_with_AWS_reason()
    {
        await Client.Ec2Async(
            "CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("LaunchTemplateData.ImageId", "ami-0ffffffffffffffff"));

        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 2, version: "2"));
        var group = await Group("web");
        var activity = Assert.Single((await Client.AutoScalingAsync("DescribeScalingActivities", ("AutoScalingGroupName", "web")))
            .Items("DescribeScalingActivitiesResult/Activities"));

        Assert.Empty(group.Items("Instances"));
        Assert.Equal("Failed", activity.Text("StatusCode"));
        Assert.Equal("The image id '[ami-0ffffffffffffffff]' does not exist. Launching EC2 instance failed.", activity.Text("StatusMessage"));
    }

    [Fact]
    public async Task A_group_on_a_launch_configuration_launches_from_it()
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            ("AutoScalingGroupName", "legacy"), ("LaunchConfigurationName", TestRegion.LaunchConfiguration),
            ("MinSize", "1"), ("MaxSize", "1"), ("AvailabilityZones.member.1", "us-east-1c"));

        var instance = Assert.Single((await Group("legacy")).Items("Instances"));

        Assert.Equal((TestRegion.LaunchConfiguration, "t3.small", TestRegion.ImageV1, "us-east-1c"), (
            instance.Text("LaunchConfigurationName"), instance.Text("InstanceType"), instance.Text("ImageId"), instance.Text("AvailabilityZone")));
    }

    [Fact]
    public async Task A_forced_delete_shows_delete_in_progress_until_the_instances_are_gone()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 2));
        Advance(TestRegion.BootSecondsV1);

        await Client.AutoScalingAsync("DeleteAutoScalingGroup", ("AutoScalingGroupName", "web"), ("ForceDelete", "true"));
        var deleting = await Group("web");
        var update = await Assert.ThrowsAsync<QueryException>(() =>
            Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "1")));
        Advance(10);
        var described = await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", "web"));

        Assert.Equal("Delete in progress", deleting.Text("Status"));
        Assert.All(deleting.Items("Instances"), i => Assert.Equal("Terminating", i.Text("LifecycleState")));
        Assert.Equal("ScalingActivityInProgress", update.Code);
        Assert.Empty(described.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
    }

    [Fact]
    public async Task Fixture_groups_start_with_running_healthy_registered_instances()
    {
        var fixtures = new SimulatorFixtures
        {
            Regions =
            [
                new RegionFixture
                {
                    AutoScalingGroups =
                    [
                        new AutoScalingGroupFixture
                        {
                            Name = "existing",
                            LaunchTemplate = new Domain.Cloud.LaunchTemplateSpec(TestRegion.TemplateId, null, "1"),
                            MinSize = 2,
                            MaxSize = 2,
                            DesiredCapacity = 2,
                            AvailabilityZones = ["us-east-1a"],
                            TargetGroupArns = [TestRegion.TargetGroupArn],
                        },
                    ],
                },
            ],
        };
        Simulator.Control.LoadFixtures(fixtures);

        var instances = await Instances("existing");
        var targets = await Client.ElbV2Async("DescribeTargetHealth", ("TargetGroupArn", TestRegion.TargetGroupArn));
        var activities = await Client.AutoScalingAsync("DescribeScalingActivities", ("AutoScalingGroupName", "existing"));

        Assert.Equal([("InService", "Healthy"), ("InService", "Healthy")], instances.Select(i => (i.State, i.Health)));
        Assert.All(targets.Items("DescribeTargetHealthResult/TargetHealthDescriptions"), t => Assert.Equal("healthy", t.Text("TargetHealth/State")));
        Assert.Empty(activities.Items("DescribeScalingActivitiesResult/Activities"));
    }

    private async Task<XElement> Group(string name) =>
        Assert.Single((await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", name)))
            .Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));

    private async Task<List<(string Id, string State, string Health)>> Instances(string group) =>
        (await Group(group)).Items("Instances")
            .Select(i => (i.Text("InstanceId"), i.Text("LifecycleState"), i.Text("HealthStatus")))
            .ToList();

    private async Task<(string State, string? Reason)> TargetHealth()
    {
        var description = Assert.Single((await Client.ElbV2Async("DescribeTargetHealth", ("TargetGroupArn", TestRegion.TargetGroupArn)))
            .Items("DescribeTargetHealthResult/TargetHealthDescriptions"));
        return (description.Text("TargetHealth/State"), description.At("TargetHealth").Find("Reason"));
    }
}
