using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;

namespace AmiOrchestrator.Domain.Tests.Builders;

/// <summary>Groups and inventories as discovery would report them.</summary>
internal static class SampleLineages
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static AsgDescription BaseAsg(string name = "web-base") => new()
    {
        Name = name,
        LaunchTemplate = new LaunchTemplateSpec("lt-0123456789abcdef0", null, "$Latest"),
        VpcZoneIdentifier = "subnet-0a,subnet-0b",
        AvailabilityZones = ["us-east-1a", "us-east-1b"],
        HealthCheckType = "ELB",
        HealthCheckGracePeriod = 60,
        TerminationPolicies = ["OldestInstance"],
        Tags = [new AsgTag("team", "payments"), new AsgTag("Name", "web-base"), new AsgTag("aws:cloudformation:stack-name", "x")],
        CreatedTime = Epoch,
    };

    /// <summary>A lineage group of revision <paramref name="revision"/> (created in revision order) at the given capacity.</summary>
    public static AsgDescription Member(int revision, int desired, int? min = null, int? max = null, string lineage = "web-prod", bool blue = false, string prefix = "web__prod")
    {
        var name = AsgNaming.AsgName(prefix, revision);
        var tags = new List<AsgTag>
        {
            new(LineageTags.LineageKey, lineage),
            new(LineageTags.RevisionKey, revision.ToString(CultureInfo.InvariantCulture)),
        };
        if (blue)
            tags.Add(new AsgTag(LineageTags.BlueGreenKey, LineageTags.Blue));
        return new AsgDescription
        {
            Name = name,
            MinSize = min ?? Math.Min(desired, 1),
            DesiredCapacity = desired,
            MaxSize = max ?? Math.Max(desired, 8),
            Instances = Enumerable.Range(0, desired)
                .Select(i => new AsgInstance($"i-{revision:x8}{i:x9}", "InService", "Healthy"))
                .ToValueList(),
            CreatedTime = Epoch.AddMinutes(revision),
            Tags = tags.ToValueList(),
            TargetGroupArns = [SampleSpecs.ProdTargetGroup],
        };
    }

    public static ScalingPolicy CpuPolicy(string name = "cpu50", string asg = "web-base") => new(
        name,
        "TargetTrackingScaling",
        ValueMap.Of(
            ("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType", "ASGAverageCPUUtilization"),
            ("TargetTrackingConfiguration.TargetValue", "50.0"),
            ("TargetTrackingConfiguration.CustomizedMetricSpecification.Dimensions.member.1.Name", "AutoScalingGroupName"),
            ("TargetTrackingConfiguration.CustomizedMetricSpecification.Dimensions.member.1.Value", asg)));

    /// <summary>A scaling policy's ARN as Auto Scaling forms it, with a uuid derived from the group and the policy name.</summary>
    public static string PolicyArn(string asg, string policyName) =>
        $"arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:{new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(asg + "/" + policyName)).AsSpan(0, 16))}"
        + $":autoScalingGroupName/{asg}:policyName/{policyName}";

    /// <summary>A step scaling policy of <paramref name="asg"/> as DescribePolicies reports it, driven by the alarms named.</summary>
    public static ScalingPolicy StepPolicy(string name, string asg, params string[] alarmNames) => new(
        name,
        "StepScaling",
        ValueMap.Of(
            ("AdjustmentType", "ChangeInCapacity"),
            ("StepAdjustments.member.1.MetricIntervalLowerBound", "0"),
            ("StepAdjustments.member.1.ScalingAdjustment", "1")))
    {
        PolicyArn = PolicyArn(asg, name),
        AlarmNames = alarmNames.ToValueList(),
    };

    /// <summary>A CPU alarm on <paramref name="asg"/> whose actions are the policy and, when given, a notification topic.</summary>
    public static MetricAlarm Alarm(string name, string asg, string policyArn, string? topicArn = null)
    {
        var parameters = ValueMap.Of(
            ("MetricName", "CPUUtilization"),
            ("Namespace", "AWS/EC2"),
            ("Statistic", "Average"),
            ("Period", "60"),
            ("EvaluationPeriods", "2"),
            ("Threshold", "70.0"),
            ("ComparisonOperator", "GreaterThanThreshold"),
            ("Dimensions.member.1.Name", "AutoScalingGroupName"),
            ("Dimensions.member.1.Value", asg),
            ("AlarmActions.member.1", policyArn));
        return new MetricAlarm(name, topicArn is null ? parameters : parameters.SetItem("AlarmActions.member.2", topicArn)) { StateValue = "OK" };
    }

    /// <summary>
    /// The inventory with a step policy driven by a CPU alarm on the base group and, when there is a previous group, on
    /// it too (its alarm is the copy an earlier deployment made), as discovery reports them.
    /// </summary>
    public static SetupInventory WithStepScaling(SetupInventory inventory)
    {
        var baseName = inventory.BaseAsg.Name;
        var basePolicy = StepPolicy("scale-out", baseName, "web-cpu-high");
        var withBase = inventory with
        {
            BasePolicies = inventory.BasePolicies.Add(basePolicy),
            BaseAlarms = [Alarm("web-cpu-high", baseName, basePolicy.PolicyArn!, "arn:aws:sns:us-east-1:123456789012:web-alerts")],
        };
        if (inventory.PreviousAsgName is not { } previous)
            return withBase;
        var copyName = PolicyAlarms.ForNewGroup(new MetricAlarm("web-cpu-high", ValueMap.Empty), baseName, previous, []).AlarmName;
        var previousPolicy = StepPolicy("scale-out", previous, copyName);
        return withBase with
        {
            PreviousPolicies = inventory.PreviousPolicies.Add(previousPolicy),
            PreviousAlarms = [Alarm(copyName, previous, previousPolicy.PolicyArn!)],
        };
    }

    /// <summary>An inventory whose previous group is chosen the way discovery chooses it.</summary>
    public static SetupInventory Inventory(IEnumerable<AsgDescription> lineage, bool blueGreen = false, string lineageId = "web-prod")
    {
        var groups = lineage.ToValueList();
        var members = groups
            .Select(g => LineageTags.Recognize(g, Domain.Specs.LineageTagMode.Ours, lineageId))
            .OfType<LineageMember>()
            .ToList();
        var previous = LineagePlanner.ChoosePrevious(members, blueGreen);
        return new SetupInventory
        {
            BaseAsg = BaseAsg(),
            BaseLaunchTemplateVersion = new LaunchTemplateVersion("lt-0123456789abcdef0", "web", 7, "ami-00000000000000001", "t3.micro", null),
            Image = new MachineImage("ami-0123456789abcdef0", "web-2.0", "available", "123456789012", Epoch, ValueMap.Empty),
            BasePolicies = [CpuPolicy()],
            BaseScheduledActions = [new ScheduledAction { Name = "nightly", Recurrence = "0 0 * * *", MinSize = 0, MaxSize = 2, DesiredCapacity = 0, TimeZone = "Europe/Berlin" }],
            BaseLifecycleHooks = [new LifecycleHook { Name = "drain", Transition = "autoscaling:EC2_INSTANCE_TERMINATING", HeartbeatTimeout = 300 }],
            Lineage = groups,
            PreviousAsgName = previous?.Name,
            PreviousPolicies = previous is null ? ValueList<ScalingPolicy>.Empty : [CpuPolicy("previous-cpu", previous.Name)],
        };
    }
}
