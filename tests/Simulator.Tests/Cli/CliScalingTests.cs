using System.Globalization;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against what makes capacity change by itself: schedules, policies, mixed instances, health.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliScalingTests : SimulatorTest
{
    [Fact]
    public async Task A_scheduled_action_fires_and_its_activity_and_the_validation_errors_read_in_the_CLI()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 4, 0));
        var start = TestRegion.Start.AddMinutes(10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        await Cli.JsonAsync(
            "autoscaling", "put-scheduled-update-group-action", "--auto-scaling-group-name", "web", "--scheduled-action-name", "warm-up",
            "--start-time", start, "--desired-capacity", "2");
        var past = await Cli.ErrorAsync(
            "autoscaling", "put-scheduled-update-group-action", "--auto-scaling-group-name", "web", "--scheduled-action-name", "late",
            "--start-time", "2026-11-27T07:00:00Z", "--desired-capacity", "2");
        await Client.AutoScalingAsync(
            "PutScheduledUpdateGroupAction", ("AutoScalingGroupName", "web"), ("ScheduledActionName", "nightly"), ("Recurrence", "0 0 * * *"), ("DesiredCapacity", "0"));
        await Cli.JsonAsync("autoscaling", "delete-scheduled-action", "--auto-scaling-group-name", "web", "--scheduled-action-name", "nightly");
        Advance(600);
        var activities = await ActivitiesAsync("web");

        Assert.Equal("An error occurred (ValidationError) when calling the PutScheduledUpdateGroupAction operation: Given start time is in the past", past);
        Assert.Equal(2, activities.Count);
        Assert.Contains("a scheduled action update of AutoScalingGroup constraints", activities[0].Text("Cause"), StringComparison.Ordinal);
        Assert.Empty((await Client.AutoScalingAsync("DescribeScheduledActions")).Items("DescribeScheduledActionsResult/ScheduledUpdateGroupActions"));
    }

    [Fact]
    public async Task A_target_tracking_policy_put_by_the_CLI_scales_the_group_and_an_ALB_policy_needs_a_resource_label()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 1, 8, 2));

        await Cli.JsonAsync(
            "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", "web", "--policy-name", "cpu50", "--policy-type", "TargetTrackingScaling",
            "--target-tracking-configuration", """{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50.0}""");
        var noLabel = await Cli.ErrorAsync(
            "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", "web", "--policy-name", "alb", "--policy-type", "TargetTrackingScaling",
            "--target-tracking-configuration", """{"PredefinedMetricSpecification":{"PredefinedMetricType":"ALBRequestCountPerTarget"},"TargetValue":1000}""");
        Simulator.Control.SetMetric("web", 90);
        Advance(180);
        Assert.Equal("4", (await GroupAsync("web")).Text("DesiredCapacity"));
        Assert.EndsWith("Resource label should be specified for predefined metric type ALBRequestCountPerTarget.", noLabel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weighted_mixed_instances_group_created_by_the_CLI_reports_its_weights()
    {
        await Cli.JsonAsync(
            "autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "mixed", "--min-size", "0", "--max-size", "8", "--desired-capacity", "4",
            "--vpc-zone-identifier", "subnet-0a",
            "--mixed-instances-policy",
            $$$"""{"LaunchTemplate":{"LaunchTemplateSpecification":{"LaunchTemplateId":"{{{TestRegion.TemplateId}}}"},"Overrides":[{"InstanceType":"m5.large","WeightedCapacity":"2"},{"InstanceType":"m5.xlarge","WeightedCapacity":"4"}]},"InstancesDistribution":{"OnDemandBaseCapacity":0,"OnDemandPercentageAboveBaseCapacity":100}}""");

        var instances = (await Cli.OutputAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "mixed"))
            .GetProperty("AutoScalingGroups")[0].GetProperty("Instances").EnumerateArray().ToList();

        Assert.Equal(2, instances.Count);
        Assert.All(instances, i => Assert.Equal(("m5.large", "2"), (i.GetProperty("InstanceType").GetString(), i.GetProperty("WeightedCapacity").GetString())));
    }

    [Fact]
    public async Task Throttling_at_the_default_limits_reads_in_the_CLI()
    {
        Simulator.Control.RateLimiting = true;
        Simulator.Control.SetRateLimit("DescribePolicies", new RateLimit(1, 1));
        Simulator.Control.SetRateLimit("DescribeLaunchTemplates", new RateLimit(1, 1));

        await Client.AutoScalingAsync("DescribePolicies");
        var autoScaling = await Cli.ErrorAsync("autoscaling", "describe-policies");
        await Client.Ec2Async("DescribeLaunchTemplates");
        var ec2 = await Cli.ErrorAsync("ec2", "describe-launch-templates");

        Assert.Equal("An error occurred (Throttling) when calling the DescribePolicies operation (reached max retries: 0): Rate exceeded", autoScaling);
        Assert.Equal("An error occurred (RequestLimitExceeded) when calling the DescribeLaunchTemplates operation (reached max retries: 0): Request limit exceeded.", ec2);
    }
}
