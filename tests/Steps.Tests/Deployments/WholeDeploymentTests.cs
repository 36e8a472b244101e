using AmiOrchestrator.TestSupport.Cloud;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Steps.Tests.Support;
using AmiOrchestrator.Steps.Timing;

namespace AmiOrchestrator.Steps.Tests.Deployments;

/// <summary>
/// Whole deployments driven through the Domain's deciders and the executor against the simulated region over HTTP (no
/// actors yet). Engine and simulator share one clock sped up 50 times, so a 20-second boot takes 0.4 s and every
/// deadline keeps its meaning. What is checked is the simulator's state, read back over its API, not the engine's view.
/// </summary>
public sealed class WholeDeploymentTests : IAsyncLifetime
{
    private SimulatedRegion region = null!;

    public async Task InitializeAsync() => region = await SimulatedRegion.StartAsync(new ScaledTimeProvider(50));

    public async Task DisposeAsync() => await region.DisposeAsync();

    [Fact]
    public async Task Basic_deployment_replaces_the_previous_group_and_carries_over_its_autoscaling()
    {
        var run = new DeploymentRun(region, WebSpecs.Basic());

        var state = await run.RunAsync();

        Assert.Equal(DeploymentStatus.Succeeded, state.Status);
        var created = await region.ExistingGroupAsync(WebRegion.NextName);
        Assert.Equal((2, 4, 8), (created.MinSize, created.DesiredCapacity, created.MaxSize));
        Assert.Equal(4, created.Instances.Count(i => i.IsInServiceAndHealthy));
        Assert.Equal([WebRegion.ProdTargetGroup], created.TargetGroupArns);
        Assert.Equal("dep-1", created.TagValue(LineageTags.DeploymentKey));
        Assert.Equal("3", created.TagValue(LineageTags.RevisionKey));
        Assert.Equal(WebRegion.LineageId, created.TagValue(LineageTags.LineageKey));
        Assert.Equal("payments", created.TagValue("team"));
        Assert.Equal(["cpu50"], (await region.Cloud.DescribePoliciesAsync(WebRegion.NextName, default)).Select(p => p.PolicyName));
        Assert.Equal(["nightly"], (await region.Cloud.DescribeScheduledActionsAsync(WebRegion.NextName, default)).Select(a => a.Name));
        var previous = await region.ExistingGroupAsync(WebRegion.Previous);
        Assert.Equal((0, 0), (previous.MinSize, previous.DesiredCapacity));
        Assert.Empty(previous.Instances);
        Assert.Empty(await region.Cloud.DescribePoliciesAsync(WebRegion.Previous, default));
        Assert.NotNull(await region.GroupAsync(WebRegion.Older));
        var template = (await region.Cloud.DescribeLaunchTemplateVersionAsync(new LaunchTemplateSpec(WebRegion.LaunchTemplateId, null, null), "2", default));
        Assert.Equal(WebRegion.NewImage, template.ImageId);
    }

    [Fact]
    public async Task Canary_grows_the_new_group_by_phase_while_the_previous_shrinks_in_inverse_proportion()
    {
        var seen = new List<(string Group, int Desired)>();
        var run = new DeploymentRun(region, WebSpecs.Canary(25, 50, 100))
        {
            // Each wait for steady state starts right after its resize: record the sizes the cloud holds then.
            BeforeStep = async (started, _) =>
            {
                if (started.Step.Action is WaitSteady wait && started.Step.Stage == StepStage.Deploy)
                    seen.Add((wait.Asg, (await region.ExistingGroupAsync(wait.Asg)).DesiredCapacity));
            },
        };

        var state = await run.RunAsync();

        Assert.Equal(DeploymentStatus.Succeeded, state.Status);
        Assert.Equal(
            [(WebRegion.NextName, 1), (WebRegion.Previous, 3), (WebRegion.NextName, 2), (WebRegion.Previous, 2), (WebRegion.NextName, 4), (WebRegion.Previous, 0)],
            seen);
        Assert.Equal(4, (await region.ExistingGroupAsync(WebRegion.NextName)).Instances.Count(i => i.IsInServiceAndHealthy));
    }

    [Fact]
    public async Task Blue_green_swaps_prod_to_the_new_group_and_keeps_the_old_one_green_at_zero()
    {
        var run = new DeploymentRun(region, WebSpecs.BlueGreen());

        var state = await run.RunAsync();

        Assert.Equal(DeploymentStatus.Succeeded, state.Status);
        var created = await region.ExistingGroupAsync(WebRegion.NextName);
        Assert.Equal([WebRegion.ProdTargetGroup], created.TargetGroupArns);
        Assert.Equal(LineageTags.Blue, created.TagValue(LineageTags.BlueGreenKey));
        Assert.Equal(["cpu50"], (await region.Cloud.DescribePoliciesAsync(WebRegion.NextName, default)).Select(p => p.PolicyName));
        var previous = await region.ExistingGroupAsync(WebRegion.Previous);
        Assert.Empty(previous.TargetGroupArns);
        Assert.Equal(LineageTags.Green, previous.TagValue(LineageTags.BlueGreenKey));
        Assert.Equal(0, previous.DesiredCapacity);
        var prodTargets = await region.Cloud.DescribeTargetHealthAsync(WebRegion.ProdTargetGroup, default);
        Assert.Equal(
            created.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal),
            prodTargets.Where(t => t.IsHealthy).Select(t => t.TargetId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_never_healthy_image_passes_its_deadline_and_rolls_back_to_the_previous_group()
    {
        var spec = WebSpecs.Canary(50, 100) with
        {
            Service = WebSpecs.Basic().Service with { Ami = new() { Id = WebRegion.BrokenImage } },
            Timeouts = WebSpecs.Basic().Timeouts with { SteadyState = Domain.Common.Duration.FromMinutes(2) },
        };
        var run = new DeploymentRun(region, spec);

        var state = await run.RunAsync();

        Assert.Equal(DeploymentStatus.RolledBack, state.Status);
        Assert.Contains("DeadlinePassed", state.FailureReason, StringComparison.Ordinal);
        var previous = await region.ExistingGroupAsync(WebRegion.Previous);
        Assert.Equal((2, 4, 8), (previous.MinSize, previous.DesiredCapacity, previous.MaxSize));
        Assert.Equal(4, previous.Instances.Count(i => i.IsInServiceAndHealthy));
        Assert.Equal(["cpu50"], (await region.Cloud.DescribePoliciesAsync(WebRegion.Previous, default)).Select(p => p.PolicyName));
        var created = await region.GroupAsync(WebRegion.NextName);
        Assert.True(created is null || created.Status is not null, "the new group is deleted (or being deleted)");
    }

    [Fact]
    public async Task A_previous_group_protected_from_scale_in_is_still_downsized()
    {
        var previous = await region.ExistingGroupAsync(WebRegion.Previous);
        await region.Cloud.SetInstanceProtectionAsync(WebRegion.Previous, previous.Instances.Select(i => i.InstanceId).ToList(), true, default);
        var run = new DeploymentRun(region, WebSpecs.Canary(50, 100));

        var state = await run.RunAsync();

        Assert.Equal(DeploymentStatus.Succeeded, state.Status);
        Assert.Empty((await region.ExistingGroupAsync(WebRegion.Previous)).Instances);
    }

    [Fact]
    public async Task A_manual_rollback_mid_canary_restores_the_previous_group_and_deletes_the_new_one()
    {
        var run = new DeploymentRun(region, WebSpecs.Canary(25, 50, 100))
        {
            BeforeStep = (started, self) =>
            {
                if (started.Step.Phase == 2 && started.Step.Action is WaitSteady && self.State.Interrupt is null)
                    self.Feed(new DeploymentInput.RequestRollback("tester", "looks wrong", region.Clock.GetUtcNow()));
                return Task.CompletedTask;
            },
        };

        var state = await run.RunAsync();

        Assert.Equal(DeploymentStatus.RolledBack, state.Status);
        var previous = await region.ExistingGroupAsync(WebRegion.Previous);
        Assert.Equal((2, 4, 8), (previous.MinSize, previous.DesiredCapacity, previous.MaxSize));
        Assert.Equal(["cpu50"], (await region.Cloud.DescribePoliciesAsync(WebRegion.Previous, default)).Select(p => p.PolicyName));
        var created = await region.GroupAsync(WebRegion.NextName);
        Assert.True(created is null || created.Status is not null, "the new group is deleted (or being deleted)");
    }

    [Fact]
    public async Task The_previous_group_s_schedule_cannot_bring_it_back_after_a_deployment_and_a_rollback_restores_it()
    {
        var businessHours = new ScheduledAction { Name = "business-hours", Recurrence = "0 8 * * 1-5", MinSize = 2, MaxSize = 8, DesiredCapacity = 6, TimeZone = "Europe/Berlin" };
        await region.Cloud.PutScheduledActionAsync(WebRegion.Previous, businessHours, default);

        var succeeded = await new DeploymentRun(region, WebSpecs.Canary(50, 100)).RunAsync();

        Assert.Equal(DeploymentStatus.Succeeded, succeeded.Status);
        Assert.Empty(await region.Cloud.DescribeScheduledActionsAsync(WebRegion.Previous, default));

        var rollback = new DeploymentRun(region, WebSpecs.Canary(50, 100), "dep-2")
        {
            BeforeStep = (started, self) =>
            {
                if (started.Step.Phase == 2 && started.Step.Action is WaitSteady && self.State.Interrupt is null)
                    self.Feed(new DeploymentInput.RequestRollback("tester", "looks wrong", region.Clock.GetUtcNow()));
                return Task.CompletedTask;
            },
        };
        await region.Cloud.PutScheduledActionAsync(WebRegion.NextName, businessHours, default);
        var before = await ScheduleAsync(WebRegion.NextName);

        var rolledBack = await rollback.RunAsync();

        Assert.Equal(DeploymentStatus.RolledBack, rolledBack.Status);
        Assert.Equal(["business-hours", "nightly"], before.Select(a => a.Name));
        Assert.Equal(before, await ScheduleAsync(WebRegion.NextName));
    }

    private async Task<List<ScheduledAction>> ScheduleAsync(string group)
    {
        // AWS computes the next run of a recurring action as its start time; only the user's settings are compared.
        var actions = await region.Cloud.DescribeScheduledActionsAsync(group, default);
        return [.. actions.Select(a => a with { StartTime = null }).OrderBy(a => a.Name, StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_bake_gate_whose_alarm_goes_to_alarm_rolls_the_deployment_back()
    {
        await region.Cloud.PutMetricAlarmAsync(new MetricAlarm("web-5xx", ValueMap.Of(
            ("MetricName", "HTTPCode_Target_5XX_Count"), ("Namespace", "AWS/ApplicationELB"), ("Statistic", "Sum"),
            ("Period", "60"), ("EvaluationPeriods", "1"), ("Threshold", "10"), ("ComparisonOperator", "GreaterThanThreshold"))), default);
        var spec = WebSpecs.Canary(50, 100) with
        {
            Strategy = WebSpecs.Canary(50, 100).Strategy with
            {
                Phases = [new PhaseSpec { Percent = 50, Gates = new GatesSpec { BakeTime = Duration.FromMinutes(2), Alarms = ["web-5xx"] } }, new PhaseSpec { Percent = 100 }],
            },
        };
        var run = new DeploymentRun(region, spec)
        {
            BeforeStep = (started, _) =>
            {
                if (started.Step.Action is Bake)
                    region.Control.SetAlarmState("web-5xx", "ALARM", "5xx rate above 10 a minute");
                return Task.CompletedTask;
            },
        };

        var state = await run.RunAsync();

        Assert.Equal(DeploymentStatus.RolledBack, state.Status);
        Assert.Contains("web-5xx in ALARM during the bake", state.FailureReason, StringComparison.Ordinal);
        Assert.Equal(4, (await region.ExistingGroupAsync(WebRegion.Previous)).DesiredCapacity);
    }

    [Fact]
    public async Task A_step_policy_copied_to_the_new_group_keeps_an_alarm_that_watches_and_scales_the_new_group()
    {
        var stepPolicy = new ScalingPolicy("scale-out", "StepScaling", ValueMap.Of(
            ("AdjustmentType", "ChangeInCapacity"), ("StepAdjustments.member.1.MetricIntervalLowerBound", "0"), ("StepAdjustments.member.1.ScalingAdjustment", "1")));
        var baseArn = await region.Cloud.PutScalingPolicyAsync(WebRegion.BaseAsg, stepPolicy, default);
        await region.Cloud.PutMetricAlarmAsync(new MetricAlarm("web-cpu-high", ValueMap.Of(
            ("MetricName", "CPUUtilization"), ("Namespace", "AWS/EC2"), ("Statistic", "Average"), ("Period", "60"), ("EvaluationPeriods", "2"),
            ("Threshold", "80"), ("ComparisonOperator", "GreaterThanThreshold"),
            ("Dimensions.member.1.Name", "AutoScalingGroupName"), ("Dimensions.member.1.Value", WebRegion.BaseAsg),
            ("AlarmActions.member.1", baseArn))), default);

        var state = await new DeploymentRun(region, WebSpecs.Basic()).RunAsync();

        Assert.Equal(DeploymentStatus.Succeeded, state.Status);
        var copiedPolicy = (await region.Cloud.DescribePoliciesAsync(WebRegion.NextName, default)).Single(p => p.PolicyName == "scale-out");
        var alarmName = Assert.Single(copiedPolicy.AlarmNames);
        Assert.True(PolicyAlarms.IsEngineCopyFor(alarmName, WebRegion.NextName));
        var copy = Assert.Single(await region.Cloud.DescribeAlarmsAsync([alarmName], default));
        Assert.Equal(WebRegion.NextName, copy.Parameters["Dimensions.member.1.Value"]);
        Assert.Equal(copiedPolicy.PolicyArn, copy.Parameters["AlarmActions.member.1"]);
        var original = Assert.Single(await region.Cloud.DescribeAlarmsAsync(["web-cpu-high"], default));
        Assert.Equal((WebRegion.BaseAsg, baseArn), (original.Parameters["Dimensions.member.1.Value"], original.Parameters["AlarmActions.member.1"]));
    }
}
