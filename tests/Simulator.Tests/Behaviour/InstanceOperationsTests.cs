using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Operations on single instances, tags and attachments that an operator reaches for.</summary>
public sealed class InstanceOperationsTests : SimulatorTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup("web", 1, 4, 2, more: [("TargetGroupARNs.member.1", TestRegion.TargetGroupArn), ("LoadBalancerNames.member.1", TestRegion.LoadBalancer)]));
    }

    [Fact]
    public async Task A_protected_instance_is_kept_when_the_group_scales_in()
    {
        var ids = (await InstancesAsync("web")).Select(i => i.Id).ToList();

        await Client.AutoScalingAsync(
            "SetInstanceProtection", ("AutoScalingGroupName", "web"), ("InstanceIds.member.1", ids[0]), ("ProtectedFromScaleIn", "true"));
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "1"));
        var group = await GroupAsync("web");

        var kept = group.Items("Instances").Single(i => i.Text("InstanceId") == ids[0]);
        Assert.Equal(("Pending", "true"), (kept.Text("LifecycleState"), kept.Text("ProtectedFromScaleIn")));
        Assert.Equal("Terminating", group.Items("Instances").Single(i => i.Text("InstanceId") == ids[1]).Text("LifecycleState"));
    }

    [Fact]
    public async Task Protecting_an_instance_of_another_group_is_a_ValidationError()
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync(
            "SetInstanceProtection", ("AutoScalingGroupName", "web"), ("InstanceIds.member.1", "i-0123456789abcdef0"), ("ProtectedFromScaleIn", "true")));

        Assert.Equal(("ValidationError", "The instance i-0123456789abcdef0 is not part of Auto Scaling group web."), (error.Code, error.AwsMessage));
    }

    [Fact]
    public async Task DescribeAutoScalingInstances_lists_instances_with_their_group_and_health_in_capitals_a_page_at_a_time()
    {
        var first = await Client.AutoScalingAsync("DescribeAutoScalingInstances", ("MaxRecords", "1"));
        var second = await Client.AutoScalingAsync("DescribeAutoScalingInstances", ("MaxRecords", "1"), ("NextToken", first.Find("NextToken")!));

        var instance = Assert.Single(first.Items("DescribeAutoScalingInstancesResult/AutoScalingInstances"));
        Assert.Equal(("web", "Pending", "HEALTHY"), (instance.Text("AutoScalingGroupName"), instance.Text("LifecycleState"), instance.Text("HealthStatus")));
        Assert.Single(second.Items("DescribeAutoScalingInstancesResult/AutoScalingInstances"));
        Assert.Null(second.Find("NextToken"));
    }

    [Fact]
    public async Task Terminating_an_instance_without_decrement_launches_a_replacement_and_answers_with_the_activity()
    {
        var id = (await InstancesAsync("web"))[0].Id;

        var answer = await Client.AutoScalingAsync("TerminateInstanceInAutoScalingGroup", ("InstanceId", id), ("ShouldDecrementDesiredCapacity", "false"));
        var group = await GroupAsync("web");

        Assert.Equal($"Terminating EC2 instance: {id}", answer.At("TerminateInstanceInAutoScalingGroupResult/Activity").Text("Description"));
        Assert.Equal("At 2026-11-27T08:00:00Z instance " + id + " was taken out of service in response to a user request.", answer.Find("Cause"));
        Assert.Equal("2", group.Text("DesiredCapacity"));
        Assert.Equal(2, group.Items("Instances").Count(i => i.Text("LifecycleState") == "Pending"));
    }

    [Fact]
    public async Task Terminating_an_instance_with_decrement_shrinks_the_group_but_never_below_min()
    {
        var ids = (await InstancesAsync("web")).Select(i => i.Id).ToList();

        var answer = await Client.AutoScalingAsync("TerminateInstanceInAutoScalingGroup", ("InstanceId", ids[0]), ("ShouldDecrementDesiredCapacity", "true"));
        var belowMin = await Assert.ThrowsAsync<QueryException>(() =>
            Client.AutoScalingAsync("TerminateInstanceInAutoScalingGroup", ("InstanceId", ids[1]), ("ShouldDecrementDesiredCapacity", "true")));

        Assert.Equal($"At 2026-11-27T08:00:00Z instance {ids[0]} was taken out of service in response to a user request, shrinking the capacity from 2 to 1.", answer.Find("Cause"));
        Assert.Equal("1", (await GroupAsync("web")).Text("DesiredCapacity"));
        Assert.Equal("ValidationError", belowMin.Code);
        Assert.StartsWith("Currently, desiredSize equals minSize (1).", belowMin.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeTags_filters_by_group_key_value_and_propagation_and_pages()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("api", 0, 1, 0));
        await Client.AutoScalingAsync(
            "CreateOrUpdateTags",
            ("Tags.member.1.ResourceId", "web"), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "payments"), ("Tags.member.1.PropagateAtLaunch", "true"),
            ("Tags.member.2.ResourceId", "web"), ("Tags.member.2.Key", "env"), ("Tags.member.2.Value", "prod"),
            ("Tags.member.3.ResourceId", "api"), ("Tags.member.3.Key", "team"), ("Tags.member.3.Value", "search"));

        var team = await Client.AutoScalingAsync("DescribeTags", ("Filters.member.1.Name", "key"), ("Filters.member.1.Values.member.1", "team"));
        var propagated = await Client.AutoScalingAsync(
            "DescribeTags", ("Filters.member.1.Name", "auto-scaling-group"), ("Filters.member.1.Values.member.1", "web"),
            ("Filters.member.2.Name", "propagate-at-launch"), ("Filters.member.2.Values.member.1", "true"));
        var page = await Client.AutoScalingAsync("DescribeTags", ("MaxRecords", "2"));
        var rest = await Client.AutoScalingAsync("DescribeTags", ("MaxRecords", "2"), ("NextToken", page.Find("NextToken")!));
        var bad = await Assert.ThrowsAsync<QueryException>(() =>
            Client.AutoScalingAsync("DescribeTags", ("Filters.member.1.Name", "colour"), ("Filters.member.1.Values.member.1", "x")));

        Assert.Equal([("api", "search"), ("web", "payments")], team.Items("DescribeTagsResult/Tags").Select(t => (t.Text("ResourceId"), t.Text("Value"))));
        Assert.Equal(["team"], propagated.Items("DescribeTagsResult/Tags").Select(t => t.Text("Key")));
        Assert.Equal(3, page.Items("DescribeTagsResult/Tags").Count + rest.Items("DescribeTagsResult/Tags").Count);
        Assert.Equal("ValidationError", bad.Code);
    }

    [Fact]
    public async Task Attached_target_groups_and_load_balancers_are_described_Added_then_InService()
    {
        var added = await Client.AutoScalingAsync("DescribeLoadBalancerTargetGroups", ("AutoScalingGroupName", "web"));
        Advance(TestRegion.BootSecondsV1 + TestRegion.HealthySeconds);
        var inService = await Client.AutoScalingAsync("DescribeLoadBalancerTargetGroups", ("AutoScalingGroupName", "web"));
        var classic = await Client.AutoScalingAsync("DescribeLoadBalancers", ("AutoScalingGroupName", "web"));

        var state = Assert.Single(added.Items("DescribeLoadBalancerTargetGroupsResult/LoadBalancerTargetGroups"));
        Assert.Equal((TestRegion.TargetGroupArn, "Added"), (state.Text("LoadBalancerTargetGroupARN"), state.Text("State")));
        Assert.Equal("InService", inService.Find("State"));
        Assert.Equal((TestRegion.LoadBalancer, "InService"), (classic.Find("LoadBalancerName"), classic.Find("State")));
    }
}
