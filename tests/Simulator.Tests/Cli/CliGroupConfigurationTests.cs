using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against policies, scheduled actions, lifecycle hooks, load-balancer attachments and launch configurations.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliGroupConfigurationTests : SimulatorTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 1));
    }

    [Fact]
    public async Task Scaling_policies_are_put_described_and_deleted()
    {
        var put = await Cli.OutputAsync(
            "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", "web", "--policy-name", "cpu50",
            "--policy-type", "TargetTrackingScaling",
            "--target-tracking-configuration", """{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50.0}""");
        await Client.AutoScalingAsync(
            "PutScalingPolicy", ("AutoScalingGroupName", "web"), ("PolicyName", "step"), ("PolicyType", "SimpleScaling"),
            ("AdjustmentType", "ChangeInCapacity"), ("ScalingAdjustment", "1"), ("Cooldown", "120"));
        var described = await Cli.OutputAsync("autoscaling", "describe-policies", "--auto-scaling-group-name", "web");
        await Cli.JsonAsync("autoscaling", "delete-policy", "--auto-scaling-group-name", "web", "--policy-name", "cpu50");
        var remaining = await Client.AutoScalingAsync("DescribePolicies", ("AutoScalingGroupName", "web"));

        var arn = put.GetProperty("PolicyARN").GetString()!;
        Assert.Matches("^arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:[0-9a-f-]{36}:autoScalingGroupName/web:policyName/cpu50$", arn);
        Assert.Equal(2, put.GetProperty("Alarms").GetArrayLength());
        var policies = described.GetProperty("ScalingPolicies").EnumerateArray().ToList();
        Assert.Equal(["cpu50", "step"], policies.Select(p => p.GetProperty("PolicyName").GetString()));
        var policy = policies[0];
        Assert.Equal(arn, policy.GetProperty("PolicyARN").GetString());
        var tracking = policy.GetProperty("TargetTrackingConfiguration");
        Assert.Equal("ASGAverageCPUUtilization", tracking.GetProperty("PredefinedMetricSpecification").GetProperty("PredefinedMetricType").GetString());
        Assert.Equal(50.0, tracking.GetProperty("TargetValue").GetDouble());
        Assert.False(tracking.GetProperty("DisableScaleIn").GetBoolean());
        Assert.True(policy.GetProperty("Enabled").GetBoolean());
        var simple = policies[1];
        Assert.Equal(("ChangeInCapacity", 1, 120), (
            simple.GetProperty("AdjustmentType").GetString(),
            simple.GetProperty("ScalingAdjustment").GetInt32(),
            simple.GetProperty("Cooldown").GetInt32()));
        Assert.Equal(["step"], remaining.Items("DescribePoliciesResult/ScalingPolicies").Select(p => p.Text("PolicyName")));
    }

    [Fact]
    public async Task Scheduled_actions_are_put_and_described_with_their_time_zone()
    {
        await Cli.JsonAsync(
            "autoscaling", "put-scheduled-update-group-action", "--auto-scaling-group-name", "web", "--scheduled-action-name", "nightly",
            "--recurrence", "0 0 * * *", "--min-size", "0", "--max-size", "2", "--desired-capacity", "0", "--time-zone", "Europe/Paris");

        var actions = await Cli.OutputAsync("autoscaling", "describe-scheduled-actions", "--auto-scaling-group-name", "web");

        var action = Assert.Single(actions.GetProperty("ScheduledUpdateGroupActions").EnumerateArray());
        Assert.Equal("nightly", action.GetProperty("ScheduledActionName").GetString());
        Assert.Equal("0 0 * * *", action.GetProperty("Recurrence").GetString());
        Assert.Equal("Europe/Paris", action.GetProperty("TimeZone").GetString());
        Assert.Equal((0, 2, 0), (action.GetProperty("MinSize").GetInt32(), action.GetProperty("MaxSize").GetInt32(), action.GetProperty("DesiredCapacity").GetInt32()));
        Assert.Contains(":scheduledUpdateGroupAction:", action.GetProperty("ScheduledActionARN").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_hooks_are_put_and_described()
    {
        await Cli.JsonAsync(
            "autoscaling", "put-lifecycle-hook", "--auto-scaling-group-name", "web", "--lifecycle-hook-name", "drain",
            "--lifecycle-transition", "autoscaling:EC2_INSTANCE_TERMINATING", "--heartbeat-timeout", "300", "--default-result", "CONTINUE");

        var hooks = await Cli.OutputAsync("autoscaling", "describe-lifecycle-hooks", "--auto-scaling-group-name", "web");

        var hook = Assert.Single(hooks.GetProperty("LifecycleHooks").EnumerateArray());
        Assert.Equal(("drain", "autoscaling:EC2_INSTANCE_TERMINATING", 300, 30000, "CONTINUE"), (
            hook.GetProperty("LifecycleHookName").GetString(),
            hook.GetProperty("LifecycleTransition").GetString(),
            hook.GetProperty("HeartbeatTimeout").GetInt32(),
            hook.GetProperty("GlobalTimeout").GetInt32(),
            hook.GetProperty("DefaultResult").GetString()));
    }

    [Fact]
    public async Task Target_groups_and_classic_load_balancers_attach_and_detach()
    {
        await Cli.JsonAsync("autoscaling", "attach-load-balancer-target-groups", "--auto-scaling-group-name", "web", "--target-group-arns", TestRegion.TargetGroupArn);
        await Cli.JsonAsync("autoscaling", "attach-load-balancers", "--auto-scaling-group-name", "web", "--load-balancer-names", TestRegion.LoadBalancer);
        var attached = await Group();
        var registered = await Client.ElbV2Async("DescribeTargetHealth", ("TargetGroupArn", TestRegion.TargetGroupArn));
        await Cli.JsonAsync("autoscaling", "detach-load-balancer-target-groups", "--auto-scaling-group-name", "web", "--target-group-arns", TestRegion.TargetGroupArn);
        await Cli.JsonAsync("autoscaling", "detach-load-balancers", "--auto-scaling-group-name", "web", "--load-balancer-names", TestRegion.LoadBalancer);
        var detached = await Group();
        var draining = await Client.ElbV2Async("DescribeTargetHealth", ("TargetGroupArn", TestRegion.TargetGroupArn));

        Assert.Equal(TestRegion.TargetGroupArn, Assert.Single(attached.Items("TargetGroupARNs")).Value);
        Assert.Equal(TestRegion.LoadBalancer, Assert.Single(attached.Items("LoadBalancerNames")).Value);
        Assert.Equal("initial", Assert.Single(registered.Items("DescribeTargetHealthResult/TargetHealthDescriptions")).Text("TargetHealth/State"));
        Assert.Empty(detached.Items("TargetGroupARNs"));
        Assert.Empty(detached.Items("LoadBalancerNames"));
        Assert.Equal("draining", Assert.Single(draining.Items("DescribeTargetHealthResult/TargetHealthDescriptions")).Text("TargetHealth/State"));
    }

    [Fact]
    public async Task Launch_configurations_are_described()
    {
        var output = await Cli.OutputAsync("autoscaling", "describe-launch-configurations", "--launch-configuration-names", TestRegion.LaunchConfiguration);

        var configuration = Assert.Single(output.GetProperty("LaunchConfigurations").EnumerateArray());
        Assert.Equal(TestRegion.LaunchConfiguration, configuration.GetProperty("LaunchConfigurationName").GetString());
        Assert.Equal(TestRegion.ImageV1, configuration.GetProperty("ImageId").GetString());
        Assert.Equal("t3.small", configuration.GetProperty("InstanceType").GetString());
        Assert.Contains(":launchConfiguration:", configuration.GetProperty("LaunchConfigurationARN").GetString(), StringComparison.Ordinal);
    }

    private async Task<System.Xml.Linq.XElement> Group() =>
        Assert.Single((await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", "web")))
            .Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
}
