using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against the simulated ELBv2 and classic ELB operations.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliLoadBalancingTests : SimulatorTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup(
                "web", 0, 2, 1, more: [("TargetGroupARNs.member.1", TestRegion.TargetGroupArn), ("LoadBalancerNames.member.1", TestRegion.LoadBalancer)]));
    }

    [Fact]
    public async Task Target_groups_are_described_and_a_missing_one_is_TargetGroupNotFound()
    {
        var output = await Cli.OutputAsync("elbv2", "describe-target-groups", "--target-group-arns", TestRegion.TargetGroupArn);
        var error = await Cli.ErrorAsync(
            "elbv2", "describe-target-groups", "--target-group-arns", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gone/0000000000000000");

        var targetGroup = Assert.Single(output.GetProperty("TargetGroups").EnumerateArray());
        Assert.Equal(("app", "HTTP", 80, "instance"), (
            targetGroup.GetProperty("TargetGroupName").GetString(),
            targetGroup.GetProperty("Protocol").GetString(),
            targetGroup.GetProperty("Port").GetInt32(),
            targetGroup.GetProperty("TargetType").GetString()));
        Assert.Equal("An error occurred (TargetGroupNotFound) when calling the DescribeTargetGroups operation: One or more target groups not found", error);
    }

    [Fact]
    public async Task Target_health_goes_from_initial_to_healthy_on_schedule()
    {
        Advance(TestRegion.BootSecondsV1 + TestRegion.HealthySeconds - 1);
        var checking = await Cli.OutputAsync("elbv2", "describe-target-health", "--target-group-arn", TestRegion.TargetGroupArn);
        Advance(1);
        var healthy = await Cli.OutputAsync("elbv2", "describe-target-health", "--target-group-arn", TestRegion.TargetGroupArn);

        var first = Assert.Single(checking.GetProperty("TargetHealthDescriptions").EnumerateArray()).GetProperty("TargetHealth");
        Assert.Equal(("initial", "Elb.InitialHealthChecking", "Initial health checks in progress"), (
            first.GetProperty("State").GetString(), first.GetProperty("Reason").GetString(), first.GetProperty("Description").GetString()));
        var later = Assert.Single(healthy.GetProperty("TargetHealthDescriptions").EnumerateArray());
        Assert.Equal("healthy", later.GetProperty("TargetHealth").GetProperty("State").GetString());
        Assert.StartsWith("i-", later.GetProperty("Target").GetProperty("Id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classic_instance_health_goes_from_OutOfService_to_InService()
    {
        var booting = await Client.ClassicElbAsync("DescribeInstanceHealth", ("LoadBalancerName", TestRegion.LoadBalancer));
        Advance(TestRegion.BootSecondsV1 + TestRegion.HealthySeconds);
        var healthy = await Cli.OutputAsync("elb", "describe-instance-health", "--load-balancer-name", TestRegion.LoadBalancer);

        Assert.Equal("OutOfService", Assert.Single(booting.Items("DescribeInstanceHealthResult/InstanceStates")).Text("State"));
        var state = Assert.Single(healthy.GetProperty("InstanceStates").EnumerateArray());
        Assert.Equal(("InService", "N/A"), (state.GetProperty("State").GetString(), state.GetProperty("ReasonCode").GetString()));
    }
}
