using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Cloud;

public class PolicyAlarmsTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:web-alerts";

    private static readonly ScalingPolicy ScaleOut = SampleLineages.StepPolicy("scale-out", "web-base", "web-cpu-high");
    private static readonly ScalingPolicy ScaleIn = SampleLineages.StepPolicy("scale-in", "web-base", "web-cpu-high");

    [Fact]
    public void ForNewGroup_renames_the_alarm_watches_the_new_group_and_names_its_policies_by_placeholder()
    {
        var alarm = SampleLineages.Alarm("web-cpu-high", "web-base", ScaleOut.PolicyArn!, Topic) with { AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-cpu-high", StateValue = "OK" };
        alarm = alarm with { Parameters = alarm.Parameters.SetItem("OKActions.member.1", ScaleIn.PolicyArn!) };

        var copy = PolicyAlarms.ForNewGroup(alarm, "web-base", "web__prod__6", [ScaleOut, ScaleIn]);

        Assert.Equal("ami-orchestrator:web__prod__6:web-cpu-high", copy.AlarmName);
        Assert.Equal("web__prod__6", copy.Parameters["Dimensions.member.1.Value"]);
        Assert.Equal("ami-orchestrator:policy/scale-out", copy.Parameters["AlarmActions.member.1"]);
        Assert.Equal(Topic, copy.Parameters["AlarmActions.member.2"]);
        Assert.Equal("ami-orchestrator:policy/scale-in", copy.Parameters["OKActions.member.1"]);
        Assert.Equal(alarm.Parameters["Threshold"], copy.Parameters["Threshold"]);
        Assert.Equal((null, null), (copy.AlarmArn, copy.StateValue));
    }

    [Fact]
    public void ForNewGroup_rewrites_the_group_in_every_metric_of_a_metric_math_alarm_and_leaves_other_dimensions()
    {
        var alarm = new MetricAlarm("web-busy", ValueMap.Of(
            ("Metrics.member.1.Id", "cpu"),
            ("Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Name", "AutoScalingGroupName"),
            ("Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Value", "web-base"),
            ("Metrics.member.2.Id", "queue"),
            ("Metrics.member.2.MetricStat.Metric.Dimensions.member.1.Name", "QueueName"),
            ("Metrics.member.2.MetricStat.Metric.Dimensions.member.1.Value", "web-base"),
            ("AlarmActions.member.1", ScaleOut.PolicyArn!)));

        var copy = PolicyAlarms.ForNewGroup(alarm, "web-base", "web__prod__6", [ScaleOut]);

        Assert.Equal("web__prod__6", copy.Parameters["Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Value"]);
        Assert.Equal("web-base", copy.Parameters["Metrics.member.2.MetricStat.Metric.Dimensions.member.1.Value"]);
    }

    [Fact]
    public void ForNewGroup_leaves_out_another_groups_policy_so_that_group_is_not_scaled_twice()
    {
        var workerPolicy = SampleLineages.PolicyArn("worker", "scale-out");
        var alarm = new MetricAlarm("queue-deep", ValueMap.Of(
            ("AlarmActions.member.1", workerPolicy),
            ("AlarmActions.member.2", ScaleOut.PolicyArn!),
            ("AlarmActions.member.3", Topic)));

        var copy = PolicyAlarms.ForNewGroup(alarm, "web-base", "web__prod__6", [ScaleOut]);

        Assert.Equal(
            [("AlarmActions.member.1", "ami-orchestrator:policy/scale-out"), ("AlarmActions.member.2", Topic)],
            copy.Parameters.Select(p => (p.Key, p.Value)));
    }

    public static TheoryData<string, string> Names => new()
    {
        { "web__prod__6", "web-cpu-high" },
        { "web__prod__6", new string('a', 255) },
        { new string('g', 255), "web-cpu-high" },
        { new string('g', 255), new string('a', 255) },
        // "ami-orchestrator:web__prod__6:" leaves 225 characters, shortened to 216 plus a hash: the cut falls inside the emoji.
        { "web__prod__6", new string('a', 215) + "\U0001F600" + new string('b', 20) },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Copy_names_fit_cloudwatchs_limit_and_are_recognised_as_the_copies_for_their_group(string asg, string alarmName)
    {
        var copy = PolicyAlarms.ForNewGroup(new MetricAlarm(alarmName, ValueMap.Empty), "web-base", asg, []).AlarmName;

        Assert.InRange(copy.Length, 1, 255);
        Assert.False(char.IsHighSurrogate(copy[^1]) || copy.Zip(copy.Skip(1)).Any(p => char.IsHighSurrogate(p.First) && !char.IsLowSurrogate(p.Second)));
        Assert.True(PolicyAlarms.IsEngineCopyFor(copy, asg));
        Assert.Equal(copy, PolicyAlarms.ForNewGroup(new MetricAlarm(alarmName, ValueMap.Empty), "web-base", asg, []).AlarmName);
    }

    [Fact]
    public void Shortened_copy_names_stay_unique()
    {
        var common = new string('a', 250);

        var first = PolicyAlarms.ForNewGroup(new MetricAlarm(common + "-high", ValueMap.Empty), "web-base", "web__prod__6", []).AlarmName;
        var second = PolicyAlarms.ForNewGroup(new MetricAlarm(common + "-low", ValueMap.Empty), "web-base", "web__prod__6", []).AlarmName;

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("web-cpu-high")]
    [InlineData("ami-orchestrator:web__prod__61:web-cpu-high")]
    [InlineData("ami-orchestrator:web__prod__:web-cpu-high")]
    [InlineData("ami-orchestrator:policy/scale-out")]
    public void A_users_alarm_or_a_copy_for_another_group_is_not_a_copy_for_this_group(string alarmName)
    {
        Assert.False(PolicyAlarms.IsEngineCopyFor(alarmName, "web__prod__6"));
    }

    [Fact]
    public void ForRestore_keeps_the_alarm_and_names_the_previous_groups_policies_by_placeholder()
    {
        var previousPolicy = SampleLineages.StepPolicy("scale-out", "web__prod__5", "ami-orchestrator:web__prod__5:web-cpu-high");
        var alarm = SampleLineages.Alarm("ami-orchestrator:web__prod__5:web-cpu-high", "web__prod__5", previousPolicy.PolicyArn!, Topic) with { StateValue = "ALARM" };

        var restored = PolicyAlarms.ForRestore(alarm, [previousPolicy]);

        Assert.Equal(alarm.AlarmName, restored.AlarmName);
        Assert.Equal(alarm.Parameters.SetItem("AlarmActions.member.1", "ami-orchestrator:policy/scale-out"), restored.Parameters);
        Assert.Null(restored.StateValue);
    }

    [Fact]
    public void Resolve_puts_the_groups_current_policy_arns_in_place_of_the_placeholders()
    {
        var copy = PolicyAlarms.ForNewGroup(SampleLineages.Alarm("web-cpu-high", "web-base", ScaleOut.PolicyArn!, Topic), "web-base", "web__prod__6", [ScaleOut]);
        var newArn = SampleLineages.PolicyArn("web__prod__6", "scale-out");

        var resolution = PolicyAlarms.Resolve(copy, new Dictionary<string, string> { ["scale-out"] = newArn, ["scale-in"] = "unused" });

        Assert.Null(resolution.Problem);
        Assert.Equal(copy.Parameters.SetItem("AlarmActions.member.1", newArn), resolution.Alarm!.Parameters);
        Assert.Equal(copy.AlarmName, resolution.Alarm.AlarmName);
    }

    [Fact]
    public void Resolving_a_placeholder_for_a_policy_the_group_does_not_have_is_a_problem_not_an_exception()
    {
        var copy = PolicyAlarms.ForNewGroup(SampleLineages.Alarm("web-cpu-high", "web-base", ScaleOut.PolicyArn!, Topic), "web-base", "web__prod__6", [ScaleOut]);

        var resolution = PolicyAlarms.Resolve(copy, new Dictionary<string, string>());

        Assert.Null(resolution.Alarm);
        Assert.Contains("'ami-orchestrator:web__prod__6:web-cpu-high'", resolution.Problem, StringComparison.Ordinal);
        Assert.Contains("'scale-out'", resolution.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StepScaling", true)]
    [InlineData("SimpleScaling", true)]
    [InlineData("TargetTrackingScaling", false)]
    [InlineData("PredictiveScaling", false)]
    public void Only_step_and_simple_policies_alarms_are_the_engines_to_carry(string policyType, bool carried)
    {
        var policy = SampleLineages.StepPolicy("p", "web-base", "a1", "a2") with { PolicyType = policyType };

        Assert.Equal(carried ? ["a1", "a2"] : [], PolicyAlarms.DrivingAlarmNames([policy, policy]));
    }
}
