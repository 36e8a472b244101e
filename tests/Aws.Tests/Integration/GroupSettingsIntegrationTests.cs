using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>Policies, schedules, hooks and launch configurations through our client against the simulator.</summary>
public sealed class GroupSettingsIntegrationTests : IAsyncLifetime
{
    private const string Group = "settings-target";
    private SimulatorHarness aws = null!;

    private ICloud Cloud => aws.Cloud;

    public static TheoryData<string, string, string[]> Policies => new()
    {
        {
            "alb-requests", "TargetTrackingScaling",
            [
                "TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType=ALBRequestCountPerTarget",
                "TargetTrackingConfiguration.PredefinedMetricSpecification.ResourceLabel=app/checkout/0123456789abcdef/targetgroup/checkout-prod/0123456789abcdef",
                "TargetTrackingConfiguration.TargetValue=1000",
                "TargetTrackingConfiguration.DisableScaleIn=true",
                "EstimatedInstanceWarmup=120",
            ]
        },
        {
            "queue-backlog", "TargetTrackingScaling",
            [
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.1.Id=m1",
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.1.ReturnData=false",
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.1.MetricStat.Metric.MetricName=ApproximateNumberOfMessagesVisible",
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.1.MetricStat.Metric.Namespace=AWS/SQS",
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Name=QueueName",
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Value=jobs",
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.1.MetricStat.Stat=Sum",
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.2.Id=e1",
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.2.Expression=m1 / 10",
                "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.2.ReturnData=true",
                "TargetTrackingConfiguration.TargetValue=100.5",
            ]
        },
        {
            "step-out", "StepScaling",
            [
                "AdjustmentType=ChangeInCapacity",
                "MetricAggregationType=Average",
                "StepAdjustments.member.1.MetricIntervalLowerBound=0",
                "StepAdjustments.member.1.MetricIntervalUpperBound=10",
                "StepAdjustments.member.1.ScalingAdjustment=1",
                "StepAdjustments.member.2.MetricIntervalLowerBound=10",
                "StepAdjustments.member.2.ScalingAdjustment=3",
            ]
        },
        {
            "add-two", "SimpleScaling",
            ["AdjustmentType=ChangeInCapacity", "ScalingAdjustment=2", "Cooldown=300"]
        },
        {
            "forecast", "PredictiveScaling",
            [
                "PredictiveScalingConfiguration.MetricSpecifications.member.1.TargetValue=40",
                "PredictiveScalingConfiguration.MetricSpecifications.member.1.PredefinedMetricPairSpecification.PredefinedMetricType=ASGCPUUtilization",
                "PredictiveScalingConfiguration.Mode=ForecastOnly",
                "PredictiveScalingConfiguration.SchedulingBufferTime=300",
            ]
        },
    };

    public async Task InitializeAsync()
    {
        aws = await SimulatorHarness.StartAsync();
        await Cloud.CreateAsgAsync(
            new CreateAsgRequest
            {
                Name = Group,
                LaunchTemplate = new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, "1"),
                MaxSize = 4,
                VpcZoneIdentifier = "subnet-0a",
            },
            CancellationToken.None);
    }

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task DescribePolicies_reads_a_fixture_policy_as_put_parameters()
    {
        var policy = Assert.Single(await Cloud.DescribePoliciesAsync(SimulatorHarness.BaseGroup, CancellationToken.None));

        Assert.Equal(("cpu50", "TargetTrackingScaling"), (policy.PolicyName, policy.PolicyType));
        Assert.Equal("ASGAverageCPUUtilization", policy.Parameters["TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType"]);
        Assert.Equal("50.0", policy.Parameters["TargetTrackingConfiguration.TargetValue"]);
        Assert.DoesNotContain(policy.Parameters.Keys, k => k is "PolicyARN" or "AutoScalingGroupName" || k.StartsWith("Alarms", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task A_policy_put_on_a_group_is_described_back_unchanged(string name, string type, string[] parameters)
    {
        var policy = new ScalingPolicy(name, type, ValueMap.From(parameters.Select(p => p.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], kv[1]))));

        await Cloud.PutScalingPolicyAsync(Group, policy, CancellationToken.None);
        var described = Assert.Single(await Cloud.DescribePoliciesAsync(Group, CancellationToken.None));

        Assert.Equal(policy.PolicyName, described.PolicyName);
        Assert.Equal(policy.PolicyType, described.PolicyType);
        // Describe may add what AWS fills in by default (Enabled, DisableScaleIn…); everything that was put comes back as it was.
        Assert.All(policy.Parameters, p => Assert.Equal(p.Value, described.Parameters.GetValueOrDefault(p.Key)));
        await Cloud.PutScalingPolicyAsync(Group, described, CancellationToken.None);
        Assert.Equal(described, Assert.Single(await Cloud.DescribePoliciesAsync(Group, CancellationToken.None)));
    }

    [Fact]
    public async Task Policies_copied_from_the_base_group_recreate_it_on_a_new_group()
    {
        foreach (var policy in await Cloud.DescribePoliciesAsync(SimulatorHarness.BaseGroup, CancellationToken.None))
            await Cloud.PutScalingPolicyAsync(Group, policy.ForGroup(SimulatorHarness.BaseGroup, Group), CancellationToken.None);

        var original = Assert.Single(await Cloud.DescribePoliciesAsync(SimulatorHarness.BaseGroup, CancellationToken.None));
        var copy = Assert.Single(await Cloud.DescribePoliciesAsync(Group, CancellationToken.None));
        Assert.Equal((original.PolicyName, original.PolicyType), (copy.PolicyName, copy.PolicyType));
        // The copy may gain defaults that the put filled in (the simulator adds DisableScaleIn=false on put, not to fixtures).
        Assert.All(original.Parameters, p => Assert.Equal(p.Value, copy.Parameters.GetValueOrDefault(p.Key)));
    }

    [Fact]
    public async Task DeletePolicy_removes_the_policy()
    {
        await Cloud.PutScalingPolicyAsync(Group, new ScalingPolicy("add-one", "SimpleScaling", ValueMap.Of(("AdjustmentType", "ChangeInCapacity"), ("ScalingAdjustment", "1"))), CancellationToken.None);

        await Cloud.DeletePolicyAsync(Group, "add-one", CancellationToken.None);

        Assert.Empty(await Cloud.DescribePoliciesAsync(Group, CancellationToken.None));
    }

    [Fact]
    public async Task Scheduled_actions_are_described_and_put_with_their_time_zone()
    {
        var nightly = Assert.Single(await Cloud.DescribeScheduledActionsAsync(SimulatorHarness.BaseGroup, CancellationToken.None));
        var once = new ScheduledAction
        {
            Name = "black-friday",
            StartTime = SimulatorHarness.Start.AddDays(30),
            EndTime = SimulatorHarness.Start.AddDays(31),
            MinSize = 2,
            MaxSize = 4,
            DesiredCapacity = 3,
        };

        await Cloud.PutScheduledActionAsync(Group, nightly with { StartTime = null }, CancellationToken.None);
        await Cloud.PutScheduledActionAsync(Group, once, CancellationToken.None);

        Assert.Equal(("nightly", "0 0 * * *", "Etc/UTC"), (nightly.Name, nightly.Recurrence, nightly.TimeZone));
        Assert.Equal((0, 2, 0), (nightly.MinSize, nightly.MaxSize, nightly.DesiredCapacity));
        var copied = (await Cloud.DescribeScheduledActionsAsync(Group, CancellationToken.None)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["black-friday", "nightly"], copied.Select(a => a.Name));
        Assert.Equal(once, copied[0]);
        Assert.Equal((nightly.Recurrence, nightly.TimeZone, nightly.MaxSize), (copied[1].Recurrence, copied[1].TimeZone, copied[1].MaxSize));
    }

    [Fact]
    public async Task A_scheduled_action_is_deleted_by_name_and_deleting_it_again_is_not_found()
    {
        await Cloud.PutScheduledActionAsync(Group, new ScheduledAction { Name = "morning", Recurrence = "0 7 * * *", DesiredCapacity = 1 }, CancellationToken.None);

        await Cloud.DeleteScheduledActionAsync(Group, "morning", CancellationToken.None);

        Assert.Empty(await Cloud.DescribeScheduledActionsAsync(Group, CancellationToken.None));
        var again = await Assert.ThrowsAsync<CloudException>(() => Cloud.DeleteScheduledActionAsync(Group, "morning", CancellationToken.None));
        Assert.True(again.IsNotFound, again.Error.ToString());
    }

    [Fact]
    public async Task Lifecycle_hooks_are_described_and_put()
    {
        var drain = Assert.Single(await Cloud.DescribeLifecycleHooksAsync(SimulatorHarness.BaseGroup, CancellationToken.None));

        await Cloud.PutLifecycleHookAsync(Group, drain, CancellationToken.None);

        Assert.Equal(
            new LifecycleHook { Name = "drain", Transition = "autoscaling:EC2_INSTANCE_TERMINATING", HeartbeatTimeout = 300, DefaultResult = "CONTINUE" },
            drain);
        Assert.Equal(drain, Assert.Single(await Cloud.DescribeLifecycleHooksAsync(Group, CancellationToken.None)));
    }

    [Fact]
    public async Task DescribeLaunchConfiguration_reads_one_and_answers_null_for_none()
    {
        var configuration = await Cloud.DescribeLaunchConfigurationAsync("legacy-lc", CancellationToken.None);
        var missing = await Cloud.DescribeLaunchConfigurationAsync("no-such-lc", CancellationToken.None);

        Assert.NotNull(configuration);
        Assert.Equal(("legacy-lc", SimulatorHarness.OldImage, "t3.small"), (configuration.Name, configuration.ImageId, configuration.InstanceType));
        Assert.Equal(["sg-0123456789abcdef0"], configuration.SecurityGroups);
        Assert.Equal("IyEvYmluL3NoCg==", configuration.UserDataBase64);
        Assert.Equal(
            new BlockDeviceMapping { DeviceName = "/dev/xvda", VolumeSize = 20, VolumeType = "gp3", DeleteOnTermination = true },
            Assert.Single(configuration.BlockDeviceMappings));
        Assert.Null(missing);
    }
}
