using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Scaling policies act: target tracking follows the simulated metric, step and simple policies their alarms.</summary>
public sealed class ScalingPolicyTests : SimulatorTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 1, 6, 2));
    }

    [Fact]
    public async Task Target_tracking_scales_out_three_minutes_after_the_metric_rises_then_holds()
    {
        await PutTargetTracking("cpu50", target: "50");

        Simulator.Control.SetMetric("web", 80);
        Advance(179);
        var waiting = (await GroupAsync("web")).Text("DesiredCapacity");
        Advance(1);
        var scaled = (await GroupAsync("web")).Text("DesiredCapacity");
        Advance(3600);
        var held = (await GroupAsync("web")).Text("DesiredCapacity");
        var launch = (await ActivitiesAsync("web"))[0];

        // A load of 80 on 2 instances is 160: four instances bring the metric to 40, under the target of 50.
        Assert.Equal(("2", "4", "4"), (waiting, scaled, held));
        Assert.Matches(
            "^At 2026-11-27T08:03:00Z a monitor alarm TargetTracking-web-AlarmHigh-[0-9a-f-]{36} in state ALARM triggered policy cpu50 changing the desired capacity from 2 to 4\\.",
            launch.Text("Cause"));
    }

    [Fact]
    public async Task Target_tracking_scales_in_after_fifteen_minutes_down_to_min_unless_scale_in_is_disabled()
    {
        await PutTargetTracking("cpu50", target: "50");
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "5"));

        Simulator.Control.SetMetric("web", 5);
        Advance(14 * 60 + 59);
        var waiting = (await GroupAsync("web")).Text("DesiredCapacity");
        Advance(1);
        var scaledIn = (await GroupAsync("web")).Text("DesiredCapacity");
        await PutTargetTracking("cpu50", target: "50", disableScaleIn: true);
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "5"));
        Advance(3600);
        var disabled = (await GroupAsync("web")).Text("DesiredCapacity");

        Assert.Equal(("5", "1", "5"), (waiting, scaledIn, disabled));
    }

    [Fact]
    public async Task Target_tracking_never_goes_past_max_and_its_alarms_follow_the_metric()
    {
        await PutTargetTracking("cpu50", target: "50");
        var alarmNames = (await Client.AutoScalingAsync("DescribePolicies", ("AutoScalingGroupName", "web")))
            .Descendants().Where(e => e.Name.LocalName == "AlarmName").Select(e => e.Value).ToList();

        Simulator.Control.SetMetric("web", 500);
        var alarms = await Client.CloudWatchAsync("DescribeAlarms", ("AlarmNames.member.1", alarmNames[0]), ("AlarmNames.member.2", alarmNames[1]));
        Advance(180);

        Assert.Equal("6", (await GroupAsync("web")).Text("DesiredCapacity"));
        Assert.Equal(["ALARM", "OK"], alarms.Items("DescribeAlarmsResult/MetricAlarms").Select(a => a.Text("StateValue")));
    }

    [Fact]
    public async Task Deleting_a_target_tracking_policy_deletes_its_alarms_and_stops_it()
    {
        await PutTargetTracking("cpu50", target: "50");

        await Client.AutoScalingAsync("DeletePolicy", ("AutoScalingGroupName", "web"), ("PolicyName", "cpu50"));
        Simulator.Control.SetMetric("web", 90);
        Advance(600);
        var alarms = await Client.CloudWatchAsync("DescribeAlarms");

        Assert.Empty(alarms.Items("DescribeAlarmsResult/MetricAlarms"));
        Assert.Equal("2", (await GroupAsync("web")).Text("DesiredCapacity"));
    }

    [Fact]
    public async Task An_ALBRequestCountPerTarget_policy_without_a_resource_label_is_refused()
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync(
            "PutScalingPolicy", ("AutoScalingGroupName", "web"), ("PolicyName", "alb"), ("PolicyType", "TargetTrackingScaling"),
            ("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType", "ALBRequestCountPerTarget"),
            ("TargetTrackingConfiguration.TargetValue", "1000")));

        Assert.Equal(("ValidationError", "Resource label should be specified for predefined metric type ALBRequestCountPerTarget."), (error.Code, error.AwsMessage));
    }

    [Fact]
    public async Task A_simple_policy_runs_when_its_alarm_enters_ALARM_and_then_waits_out_its_cooldown()
    {
        var arn = (await Client.AutoScalingAsync(
            "PutScalingPolicy", ("AutoScalingGroupName", "web"), ("PolicyName", "add-two"), ("PolicyType", "SimpleScaling"),
            ("AdjustmentType", "ChangeInCapacity"), ("ScalingAdjustment", "2"), ("Cooldown", "300"))).Find("PolicyARN")!;
        await PutAlarm("high-cpu", arn);

        await SetAlarm("high-cpu", "ALARM");
        var first = (await GroupAsync("web")).Text("DesiredCapacity");
        await SetAlarm("high-cpu", "OK");
        await SetAlarm("high-cpu", "ALARM");
        var inCooldown = (await GroupAsync("web")).Text("DesiredCapacity");
        Advance(300);
        await SetAlarm("high-cpu", "OK");
        await SetAlarm("high-cpu", "ALARM");
        var afterCooldown = (await GroupAsync("web")).Text("DesiredCapacity");
        var cause = (await ActivitiesAsync("web"))[0].Text("Cause");

        Assert.Equal(("4", "4", "6"), (first, inCooldown, afterCooldown));
        Assert.StartsWith("At 2026-11-27T08:05:00Z a monitor alarm high-cpu in state ALARM triggered policy add-two changing the desired capacity from 4 to 6.", cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_policy_runs_its_threshold_step_and_nothing_runs_while_AlarmNotification_is_suspended()
    {
        var arn = (await Client.AutoScalingAsync(
            "PutScalingPolicy", ("AutoScalingGroupName", "web"), ("PolicyName", "step-in"), ("PolicyType", "StepScaling"),
            ("AdjustmentType", "ExactCapacity"),
            ("StepAdjustments.member.1.MetricIntervalUpperBound", "0"), ("StepAdjustments.member.1.ScalingAdjustment", "1"))).Find("PolicyARN")!;
        await PutAlarm("idle", arn);
        await Client.AutoScalingAsync("SuspendProcesses", ("AutoScalingGroupName", "web"), ("ScalingProcesses.member.1", "AlarmNotification"));

        await SetAlarm("idle", "ALARM");
        var suspended = (await GroupAsync("web")).Text("DesiredCapacity");
        await Client.AutoScalingAsync("ResumeProcesses", ("AutoScalingGroupName", "web"));
        await SetAlarm("idle", "OK");
        await SetAlarm("idle", "ALARM");

        Assert.Equal(("2", "1"), (suspended, (await GroupAsync("web")).Text("DesiredCapacity")));
    }

    private Task PutTargetTracking(string name, string target, bool disableScaleIn = false) =>
        Client.AutoScalingAsync(
            "PutScalingPolicy", ("AutoScalingGroupName", "web"), ("PolicyName", name), ("PolicyType", "TargetTrackingScaling"),
            ("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType", "ASGAverageCPUUtilization"),
            ("TargetTrackingConfiguration.TargetValue", target),
            ("TargetTrackingConfiguration.DisableScaleIn", disableScaleIn ? "true" : "false"));

    private Task PutAlarm(string name, string policyArn) =>
        Client.CloudWatchAsync(
            "PutMetricAlarm", ("AlarmName", name), ("MetricName", "CPUUtilization"), ("Namespace", "AWS/EC2"), ("Statistic", "Average"),
            ("Period", "60"), ("EvaluationPeriods", "2"), ("Threshold", "70"), ("ComparisonOperator", "GreaterThanThreshold"),
            ("Dimensions.member.1.Name", "AutoScalingGroupName"), ("Dimensions.member.1.Value", "web"), ("AlarmActions.member.1", policyArn));

    private Task SetAlarm(string name, string state) =>
        Client.CloudWatchAsync("SetAlarmState", ("AlarmName", name), ("StateValue", state), ("StateReason", "test"));
}
