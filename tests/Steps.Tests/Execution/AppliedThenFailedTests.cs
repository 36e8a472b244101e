using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Simulator;
using AmiOrchestrator.TestSupport.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Steps.Tests.Execution;

/// <summary>
/// Every change step under the two faults that make idempotency matter: the cloud carries the call out and then
/// answers 500, or carries it out and drops the connection (the client cannot tell whether it happened). Either way
/// the step is retried, must end Succeeded, and must leave the region exactly as the same step without a fault does:
/// no second group, launch template version, policy, scheduled action, lifecycle hook or alarm.
/// </summary>
public sealed class AppliedThenFailedTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private const string StepPolicyName = "scale-out";
    private const string AlarmName = "web-base-cpu-high";

    /// <summary>A step, the cloud operation it calls that the fault hits, and what the region must hold before it runs.</summary>
    private sealed record Case(string Name, string Operation, Func<SimulatedRegion, Task> Arrange, Func<SimulatedRegion, Task<StepAction>> Step);

    private static readonly Case[] Cases =
    [
        new("create-launch-template-version", "CreateLaunchTemplateVersion", _ => Task.CompletedTask,
            _ => Task.FromResult<StepAction>(new CreateLaunchTemplateVersion(WebRegion.LaunchTemplateId, 1, WebRegion.NewImage, null, DeploymentProgram.ClientToken("dep-1")))),
        new("create-launch-template", "CreateLaunchTemplate", _ => Task.CompletedTask,
            _ => Task.FromResult<StepAction>(new CreateLaunchTemplate(WebRegion.NextName, new LaunchTemplateData { ImageId = WebRegion.NewImage, InstanceType = "t3.small" }, DeploymentProgram.ClientToken("dep-1")))),
        new("create-asg", "CreateAutoScalingGroup", _ => Task.CompletedTask, _ => Task.FromResult<StepAction>(NewGroup())),
        new("remove-policies", "DeletePolicy", _ => Task.CompletedTask, _ => Task.FromResult<StepAction>(new RemoveScalingPolicies(WebRegion.Previous))),
        new("remove-scheduled-actions", "DeleteScheduledAction", PutPreviousScheduleAsync, _ => Task.FromResult<StepAction>(new RemoveScalingPolicies(WebRegion.Previous))),
        new("put-policies", "PutScalingPolicy", _ => Task.CompletedTask,
            _ => Task.FromResult<StepAction>(new PutScalingPolicies(WebRegion.Older, [StepPolicy()]))),
        new("put-scheduled-actions", "PutScheduledUpdateGroupAction", _ => Task.CompletedTask,
            _ => Task.FromResult<StepAction>(new PutScheduledActions(WebRegion.Older, [new ScheduledAction { Name = "morning", Recurrence = "0 7 * * *", DesiredCapacity = 1 }]))),
        new("put-policy-alarms", "PutMetricAlarm", PutStepPolicyWithAlarmAsync, CopyAlarmAsync),
        new("resize", "UpdateAutoScalingGroup", _ => Task.CompletedTask, _ => Task.FromResult<StepAction>(new ResizeAsg(WebRegion.Older, 1, 2, null))),
        new("instance-protection", "SetInstanceProtection", ProtectPreviousAsync, _ => Task.FromResult<StepAction>(new ResizeAsg(WebRegion.Previous, 1, 1, null))),
        new("delete-asg", "DeleteAutoScalingGroup", _ => Task.CompletedTask, _ => Task.FromResult<StepAction>(new DeleteAsg(WebRegion.Older))),
        new("delete-asg-alarms", "DeleteAlarms", CreateGroupWithAlarmCopyAsync, _ => Task.FromResult<StepAction>(new DeleteAsg(WebRegion.NextName, OwnedBy: "dep-1"))),
        new("attach-routes", "AttachLoadBalancerTargetGroups", _ => Task.CompletedTask,
            _ => Task.FromResult<StepAction>(new AttachRoutes(WebRegion.Older, [WebRegion.StageTargetGroup], []))),
        new("detach-routes", "DetachLoadBalancerTargetGroups", _ => Task.CompletedTask,
            _ => Task.FromResult<StepAction>(new DetachRoutes(WebRegion.Previous, [WebRegion.ProdTargetGroup], []))),
        new("tag-asg", "CreateOrUpdateTags", _ => Task.CompletedTask,
            _ => Task.FromResult<StepAction>(new TagAsg(WebRegion.Previous, [new AsgTag(LineageTags.BlueGreenKey, LineageTags.Green)]))),
    ];

    public static TheoryData<string, string> CasesAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var @case in Cases)
        {
            data.Add(@case.Name, "applied-then-500");
            data.Add(@case.Name, "applied-then-dropped");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndModes))]
    public async Task A_change_applied_but_answered_with_a_failure_succeeds_on_retry_without_doing_anything_twice(string name, string mode)
    {
        var @case = Cases.Single(c => c.Name == name);
        var expected = await RunAsync(@case, fault: null);

        var faulted = await RunAsync(@case, mode == "applied-then-500"
            ? new FaultSettings(AppliedServerErrorRate: 1, Times: 1)
            : new FaultSettings(AppliedDropRate: 1, Times: 1));

        Assert.Null(faulted.Outcome.Failure);
        Assert.True(faulted.FaultHit, $"the fault on {@case.Operation} was never hit, so this case proves nothing");
        Assert.Equal(expected.Region, faulted.Region);
    }

    private static async Task<(DeploymentInput.StepOutcome Outcome, string Region, bool FaultHit)> RunAsync(Case @case, FaultSettings? fault)
    {
        await using var region = await SimulatedRegion.StartAsync(new FakeTimeProvider(Start));
        await @case.Arrange(region);
        var step = await @case.Step(region);
        if (fault is not null)
            region.Control.SetFault(@case.Operation, fault);
        var outcome = await region.RunAsync(step);
        var hit = region.Control.Requests(@case.Operation).Any(r => r.AppliedDespiteFailure);
        return (outcome, await RegionSnapshot.TakeAsync(region.Cloud, identifiers: false) + await AlarmsAsync(region), hit);
    }

    private static async Task<string> AlarmsAsync(SimulatedRegion region)
    {
        var names = new[] { AlarmName, PolicyAlarms.ForNewGroup(new MetricAlarm(AlarmName, ValueMap.Empty), WebRegion.BaseAsg, WebRegion.NextName, []).AlarmName };
        var alarms = await region.Cloud.DescribeAlarmsAsync(names, default);
        return string.Join("\n", alarms.Select(a => $"alarm {a.AlarmName} {string.Join(",", a.Parameters.Where(p => !p.Key.Contains("Actions", StringComparison.Ordinal)).Select(p => p.Key + "=" + p.Value))} actions={a.Parameters.Count(p => p.Key.Contains("Actions", StringComparison.Ordinal))}"));
    }

    private static CreateAsg NewGroup() => new(
        new CreateAsgRequest
        {
            Name = WebRegion.NextName,
            LaunchTemplate = new LaunchTemplateSpec(WebRegion.LaunchTemplateId, null, "1"),
            MaxSize = 8,
            VpcZoneIdentifier = "subnet-0a,subnet-0b",
            AvailabilityZones = ["us-east-1a", "us-east-1b"],
            LifecycleHooks = [new LifecycleHook { Name = "drain", Transition = "autoscaling:EC2_INSTANCE_TERMINATING", HeartbeatTimeout = 300, DefaultResult = "CONTINUE" }],
            Tags = LineageTags.ForNewAsg(WebRegion.NextName, 3, "dep-1", WebSpecs.Basic().Infrastructure, blueGreen: false, []),
        },
        "dep-1");

    private static ScalingPolicy StepPolicy() => new(StepPolicyName, "StepScaling", ValueMap.Of(
        ("AdjustmentType", "ChangeInCapacity"),
        ("StepAdjustments.member.1.MetricIntervalLowerBound", "0"),
        ("StepAdjustments.member.1.ScalingAdjustment", "1")));

    private static MetricAlarm Alarm(string group, string policyArn) => new(AlarmName, ValueMap.Of(
        ("MetricName", "CPUUtilization"),
        ("Namespace", "AWS/EC2"),
        ("Statistic", "Average"),
        ("Period", "60"),
        ("EvaluationPeriods", "2"),
        ("Threshold", "80"),
        ("ComparisonOperator", "GreaterThanThreshold"),
        ("Dimensions.member.1.Name", "AutoScalingGroupName"),
        ("Dimensions.member.1.Value", group),
        ("AlarmActions.member.1", policyArn)));

    private static async Task PutStepPolicyWithAlarmAsync(SimulatedRegion region)
    {
        var arn = await region.Cloud.PutScalingPolicyAsync(WebRegion.BaseAsg, StepPolicy(), default);
        await region.Cloud.PutMetricAlarmAsync(Alarm(WebRegion.BaseAsg, arn), default);
        await region.RunAsync(NewGroup());
        await region.Cloud.PutScalingPolicyAsync(WebRegion.NextName, StepPolicy(), default);
    }

    private static async Task<StepAction> CopyAlarmAsync(SimulatedRegion region)
    {
        var policies = await region.Cloud.DescribePoliciesAsync(WebRegion.BaseAsg, default);
        var alarm = Assert.Single(await region.Cloud.DescribeAlarmsAsync([AlarmName], default));
        return new PutPolicyAlarms(WebRegion.NextName, [PolicyAlarms.ForNewGroup(alarm, WebRegion.BaseAsg, WebRegion.NextName, policies)]);
    }

    private static async Task CreateGroupWithAlarmCopyAsync(SimulatedRegion region)
    {
        await PutStepPolicyWithAlarmAsync(region);
        var outcome = await region.RunAsync(await CopyAlarmAsync(region));
        Assert.Null(outcome.Failure);
    }

    private static Task PutPreviousScheduleAsync(SimulatedRegion region) =>
        region.Cloud.PutScheduledActionAsync(WebRegion.Previous, new ScheduledAction { Name = "morning", Recurrence = "0 7 * * *", DesiredCapacity = 6 }, default);

    private static async Task ProtectPreviousAsync(SimulatedRegion region)
    {
        var previous = await region.ExistingGroupAsync(WebRegion.Previous);
        await region.Cloud.SetInstanceProtectionAsync(WebRegion.Previous, previous.Instances.Select(i => i.InstanceId).ToList(), true, default);
    }
}
