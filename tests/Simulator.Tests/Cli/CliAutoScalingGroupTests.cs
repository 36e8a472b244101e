using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against the simulated Auto Scaling groups: it must parse every answer and every error.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliAutoScalingGroupTests : SimulatorTest
{
    [Fact]
    public async Task Create_describe_update_resize_and_force_delete_a_group()
    {
        await Cli.JsonAsync(
            "autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "web",
            "--launch-template", $"LaunchTemplateId={TestRegion.TemplateId},Version=$Latest",
            "--min-size", "1", "--max-size", "4", "--desired-capacity", "2",
            "--vpc-zone-identifier", "subnet-0a,subnet-0b",
            "--target-group-arns", TestRegion.TargetGroupArn,
            "--health-check-type", "ELB", "--health-check-grace-period", "60",
            "--tags", "Key=env,Value=test,PropagateAtLaunch=true", "Key=team,Value=core,PropagateAtLaunch=false");

        var group = (await Cli.OutputAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "web"))
            .GetProperty("AutoScalingGroups")[0];
        Assert.Equal("web", group.GetProperty("AutoScalingGroupName").GetString());
        Assert.StartsWith("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:", group.GetProperty("AutoScalingGroupARN").GetString(), StringComparison.Ordinal);
        Assert.Equal(TestRegion.TemplateName, group.GetProperty("LaunchTemplate").GetProperty("LaunchTemplateName").GetString());
        Assert.Equal("$Latest", group.GetProperty("LaunchTemplate").GetProperty("Version").GetString());
        Assert.Equal((1, 4, 2), (group.GetProperty("MinSize").GetInt32(), group.GetProperty("MaxSize").GetInt32(), group.GetProperty("DesiredCapacity").GetInt32()));
        Assert.Equal(["us-east-1a", "us-east-1b"], group.GetProperty("AvailabilityZones").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal(TestRegion.TargetGroupArn, group.GetProperty("TargetGroupARNs")[0].GetString());
        Assert.Equal("ELB", group.GetProperty("HealthCheckType").GetString());
        Assert.Empty(group.GetProperty("LoadBalancerNames").EnumerateArray());
        Assert.Equal(["env", "team"], group.GetProperty("Tags").EnumerateArray().Select(t => t.GetProperty("Key").GetString()));
        var instances = group.GetProperty("Instances").EnumerateArray().ToList();
        Assert.Equal(2, instances.Count);
        Assert.All(instances, i => Assert.Equal("Pending", i.GetProperty("LifecycleState").GetString()));
        Assert.All(instances, i => Assert.Equal("1", i.GetProperty("LaunchTemplate").GetProperty("Version").GetString()));
        Assert.Equal(["us-east-1a", "us-east-1b"], instances.Select(i => i.GetProperty("AvailabilityZone").GetString()).Order());

        // The CLI's answers were parsed above; the state after each change is read with the in-process client.
        await Cli.JsonAsync("autoscaling", "update-auto-scaling-group", "--auto-scaling-group-name", "web", "--max-size", "6", "--desired-capacity", "3");
        await Cli.JsonAsync("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "web", "--desired-capacity", "1", "--no-honor-cooldown");
        var resized = await Group("web");
        Assert.Equal(("6", "1"), (resized.Text("MaxSize"), resized.Text("DesiredCapacity")));
        var states = resized.Items("Instances").Select(i => i.Text("LifecycleState")).ToList();
        Assert.Equal(1, states.Count(s => s == "Pending"));
        Assert.Equal(2, states.Count(s => s == "Terminating"));

        await Cli.JsonAsync("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "web", "--force-delete");
        Assert.Equal("Delete in progress", (await Group("web")).Text("Status"));
        Advance(TestRegion.DrainSeconds + 10);
        Assert.Empty((await Client.AutoScalingAsync("DescribeAutoScalingGroups")).Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
    }

    [Fact]
    public async Task Page_size_two_over_five_groups_returns_all_five_by_following_NextToken()
    {
        foreach (var name in new[] { "page-a", "page-b", "page-c", "page-d", "page-e" })
            await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup(name, 0, 1, 0));

        var output = await Cli.OutputAsync("autoscaling", "describe-auto-scaling-groups", "--page-size", "2");

        Assert.Equal(
            ["page-a", "page-b", "page-c", "page-d", "page-e"],
            output.GetProperty("AutoScalingGroups").EnumerateArray().Select(g => g.GetProperty("AutoScalingGroupName").GetString()));
        Assert.False(output.TryGetProperty("NextToken", out _));
        Assert.Equal(3, Simulator.Control.RequestCount("DescribeAutoScalingGroups"));
    }

    [Fact]
    public async Task Tags_are_created_found_by_filter_and_deleted()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("checkout-r7", 0, 1, 0));
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("other", 0, 1, 0));

        await Cli.JsonAsync(
            "autoscaling", "create-or-update-tags", "--tags",
            "ResourceId=checkout-r7,ResourceType=auto-scaling-group,Key=ami-orchestrator:lineage,Value=checkout,PropagateAtLaunch=false",
            "ResourceId=checkout-r7,ResourceType=auto-scaling-group,Key=ami-orchestrator:revision,Value=7,PropagateAtLaunch=false");
        var byTag = await Cli.OutputAsync(
            "autoscaling", "describe-auto-scaling-groups", "--filters", "Name=tag:ami-orchestrator:lineage,Values=checkout");
        await Cli.JsonAsync(
            "autoscaling", "delete-tags", "--tags", "ResourceId=checkout-r7,ResourceType=auto-scaling-group,Key=ami-orchestrator:lineage");
        var tags = (await Group("checkout-r7")).Items("Tags").Select(t => (t.Text("Key"), t.Text("Value")));

        var found = Assert.Single(byTag.GetProperty("AutoScalingGroups").EnumerateArray());
        Assert.Equal("checkout-r7", found.GetProperty("AutoScalingGroupName").GetString());
        Assert.Equal(
            ["ami-orchestrator:lineage", "ami-orchestrator:revision"],
            found.GetProperty("Tags").EnumerateArray().Select(t => t.GetProperty("Key").GetString()));
        Assert.Equal([("ami-orchestrator:revision", "7")], tags);
    }

    [Fact]
    public async Task Suspended_launch_blocks_scale_out_until_processes_resume()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("paused", 0, 3, 0));

        await Cli.JsonAsync("autoscaling", "suspend-processes", "--auto-scaling-group-name", "paused", "--scaling-processes", "Launch", "Terminate");
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "paused"), ("DesiredCapacity", "2"));
        var suspended = (await Cli.OutputAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "paused")).GetProperty("AutoScalingGroups")[0];
        await Cli.JsonAsync("autoscaling", "resume-processes", "--auto-scaling-group-name", "paused");
        var resumed = await Group("paused");

        Assert.Empty(suspended.GetProperty("Instances").EnumerateArray());
        Assert.Equal(
            ["Launch", "Terminate"],
            suspended.GetProperty("SuspendedProcesses").EnumerateArray().Select(p => p.GetProperty("ProcessName").GetString()));
        Assert.StartsWith("User suspended at ", suspended.GetProperty("SuspendedProcesses")[0].GetProperty("SuspensionReason").GetString(), StringComparison.Ordinal);
        Assert.Empty(resumed.Items("SuspendedProcesses"));
        Assert.Equal(2, resumed.Items("Instances").Count);
    }

    [Fact]
    public async Task Scaling_activities_are_listed_newest_first_with_their_status()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("history", 0, 2, 1));
        Advance(TestRegion.BootSecondsV1);
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "history"), ("DesiredCapacity", "0"));

        var activities = (await Cli.OutputAsync("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "history"))
            .GetProperty("Activities").EnumerateArray().ToList();

        Assert.Equal(2, activities.Count);
        Assert.StartsWith("Terminating EC2 instance: i-", activities[0].GetProperty("Description").GetString(), StringComparison.Ordinal);
        Assert.Equal("InProgress", activities[0].GetProperty("StatusCode").GetString());
        Assert.Contains("shrinking the capacity from 1 to 0", activities[0].GetProperty("Cause").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Launching a new EC2 instance: i-", activities[1].GetProperty("Description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Successful", activities[1].GetProperty("StatusCode").GetString());
        Assert.Equal(100, activities[1].GetProperty("Progress").GetInt32());
        Assert.Contains("increasing the capacity from 0 to 1", activities[1].GetProperty("Cause").GetString(), StringComparison.Ordinal);
    }

    private async Task<System.Xml.Linq.XElement> Group(string name) =>
        Assert.Single((await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", name)))
            .Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
}
