using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against the instance, tag and attachment operations an operator uses.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliInstanceOperationsTests : SimulatorTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup("web", 1, 4, 2, more:
            [
                ("TargetGroupARNs.member.1", TestRegion.TargetGroupArn), ("LoadBalancerNames.member.1", TestRegion.LoadBalancer),
                ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "payments"), ("Tags.member.1.PropagateAtLaunch", "true"),
            ]));
    }

    [Fact]
    public async Task Instances_are_listed_protected_reported_and_terminated()
    {
        var listed = (await Cli.OutputAsync("autoscaling", "describe-auto-scaling-instances", "--page-size", "1"))
            .GetProperty("AutoScalingInstances").EnumerateArray().ToList();
        var ids = listed.Select(i => i.GetProperty("InstanceId").GetString()!).ToList();
        await Cli.JsonAsync(
            "autoscaling", "set-instance-protection", "--auto-scaling-group-name", "web", "--instance-ids", ids[0], "--protected-from-scale-in");
        await Cli.JsonAsync("autoscaling", "set-instance-health", "--instance-id", ids[0], "--health-status", "Healthy", "--no-should-respect-grace-period");
        var terminated = await Cli.OutputAsync(
            "autoscaling", "terminate-instance-in-auto-scaling-group", "--instance-id", ids[1], "--should-decrement-desired-capacity");

        Assert.Equal(2, listed.Count);
        Assert.All(listed, i => Assert.Equal(("web", "HEALTHY"), (i.GetProperty("AutoScalingGroupName").GetString(), i.GetProperty("HealthStatus").GetString())));
        Assert.Equal("true", (await GroupAsync("web")).Items("Instances").Single(i => i.Text("InstanceId") == ids[0]).Text("ProtectedFromScaleIn"));
        var activity = terminated.GetProperty("Activity");
        Assert.Equal($"Terminating EC2 instance: {ids[1]}", activity.GetProperty("Description").GetString());
        Assert.EndsWith("shrinking the capacity from 2 to 1.", activity.GetProperty("Cause").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_and_attachments_are_described()
    {
        var tags = await Cli.OutputAsync("autoscaling", "describe-tags", "--filters", "Name=auto-scaling-group,Values=web", "Name=key,Values=team");
        var targetGroups = await Cli.OutputAsync("autoscaling", "describe-load-balancer-target-groups", "--auto-scaling-group-name", "web");
        var loadBalancers = await Cli.OutputAsync("autoscaling", "describe-load-balancers", "--auto-scaling-group-name", "web");

        var tag = Assert.Single(tags.GetProperty("Tags").EnumerateArray());
        Assert.Equal(("web", "auto-scaling-group", "payments", true), (
            tag.GetProperty("ResourceId").GetString(), tag.GetProperty("ResourceType").GetString(), tag.GetProperty("Value").GetString(), tag.GetProperty("PropagateAtLaunch").GetBoolean()));
        var attached = Assert.Single(targetGroups.GetProperty("LoadBalancerTargetGroups").EnumerateArray());
        Assert.Equal((TestRegion.TargetGroupArn, "Added"), (attached.GetProperty("LoadBalancerTargetGroupARN").GetString(), attached.GetProperty("State").GetString()));
        Assert.Equal(TestRegion.LoadBalancer, loadBalancers.GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerName").GetString());
    }
}
