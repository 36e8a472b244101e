using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.Tests.Builders;

/// <summary>Groups and inventories as discovery would report them.</summary>
internal static class SampleLineages
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static AsgDescription BaseAsg() => new()
    {
        Name = "web-base",
        LaunchTemplate = new LaunchTemplateSpec("lt-0123456789abcdef0", null, "$Latest"),
        VpcZoneIdentifier = "subnet-0a,subnet-0b",
        AvailabilityZones = ["us-east-1a", "us-east-1b"],
        HealthCheckType = "ELB",
        HealthCheckGracePeriod = 60,
        TerminationPolicies = ["OldestInstance"],
        Tags = [new AsgTag("team", "payments"), new AsgTag("Name", "web-base")],
        CreatedTime = Epoch,
    };

    /// <summary>A lineage group of revision <paramref name="revision"/> (created in revision order) at the given capacity.</summary>
    public static AsgDescription Member(int revision, int desired, bool blue = false)
    {
        var tags = new List<AsgTag>
        {
            new(LineageTags.LineageKey, "web-prod"),
            new(LineageTags.RevisionKey, revision.ToString(CultureInfo.InvariantCulture)),
        };
        if (blue)
            tags.Add(new AsgTag(LineageTags.BlueGreenKey, LineageTags.Blue));
        return new AsgDescription
        {
            Name = AsgNaming.AsgName("web__prod", revision),
            MinSize = Math.Min(desired, 1),
            DesiredCapacity = desired,
            MaxSize = Math.Max(desired, 8),
            Instances = Enumerable.Range(0, desired)
                .Select(i => new AsgInstance($"i-{revision:x8}{i:x9}", "InService", "Healthy"))
                .ToValueList(),
            CreatedTime = Epoch.AddMinutes(revision),
            Tags = tags.ToValueList(),
            TargetGroupArns = [SampleSpecs.ProdTargetGroup],
        };
    }

    public static ScalingPolicy CpuPolicy(string name, string asg) => new(
        name,
        "TargetTrackingScaling",
        ValueMap.Of(
            ("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType", "ASGAverageCPUUtilization"),
            ("TargetTrackingConfiguration.TargetValue", "50.0"),
            ("TargetTrackingConfiguration.CustomizedMetricSpecification.Dimensions.member.1.Value", asg)));

    /// <summary>An inventory whose previous group is chosen the way discovery chooses it.</summary>
    public static SetupInventory Inventory(IEnumerable<AsgDescription> lineage, bool blueGreen)
    {
        var groups = lineage.ToValueList();
        var members = groups
            .Select(g => LineageTags.Recognize(g, LineageTagMode.Ours, "web-prod"))
            .OfType<LineageMember>()
            .ToList();
        var previous = LineagePlanner.ChoosePrevious(members, blueGreen);
        return new SetupInventory
        {
            BaseAsg = BaseAsg(),
            BaseLaunchTemplateVersion = new LaunchTemplateVersion("lt-0123456789abcdef0", "web", 7, "ami-00000000000000001", "t3.micro", null),
            Image = new MachineImage("ami-0123456789abcdef0", "web-2.0", "available", "123456789012", Epoch, ValueMap.Empty),
            BasePolicies = [CpuPolicy("cpu50", "web-base")],
            BaseScheduledActions = [new ScheduledAction { Name = "nightly", Recurrence = "0 0 * * *", MinSize = 0, MaxSize = 2, DesiredCapacity = 0, TimeZone = "Europe/Berlin" }],
            BaseLifecycleHooks = [new LifecycleHook { Name = "drain", Transition = "autoscaling:EC2_INSTANCE_TERMINATING", HeartbeatTimeout = 300 }],
            Lineage = groups,
            PreviousAsgName = previous?.Name,
            PreviousPolicies = previous is null ? ValueList<ScalingPolicy>.Empty : [CpuPolicy("previous-cpu", previous.Name)],
        };
    }
}
