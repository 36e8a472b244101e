using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Simulator.Ec2;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>The awsQuery response elements of Auto Scaling's resources, member names and order as in the model.</summary>
internal static class AutoScalingXml
{
    /// <summary>A group as describe calls show it, with the size they see (which eventual consistency may hold back).</summary>
    public static XElement Group(AutoScalingGroup group, CapacityRecord capacity, DateTimeOffset now) => new(
        "member",
        new XElement("AutoScalingGroupName", group.Name),
        new XElement("AutoScalingGroupARN", group.Arn),
        Xml.Text("LaunchConfigurationName", group.LaunchConfigurationName),
        group.LaunchTemplate is null ? null : TemplateSpec("LaunchTemplate", group.LaunchTemplate),
        group.MixedInstancesPolicy is null ? null : MixedInstances(group.MixedInstancesPolicy),
        Xml.Number("MinSize", capacity.MinSize),
        Xml.Number("MaxSize", capacity.MaxSize),
        Xml.Number("DesiredCapacity", capacity.DesiredCapacity),
        Xml.Number("DefaultCooldown", group.DefaultCooldown),
        Xml.MemberStrings("AvailabilityZones", group.AvailabilityZones),
        Xml.MemberStrings("LoadBalancerNames", group.LoadBalancerNames),
        Xml.MemberStrings("TargetGroupARNs", group.TargetGroupArns),
        new XElement("HealthCheckType", group.HealthCheckType),
        Xml.Number("HealthCheckGracePeriod", group.HealthCheckGracePeriod),
        Xml.Members("Instances", group.Instances.Where(i => !i.IsGone(now)).Select(i => Instance(i, now))),
        Xml.Time("CreatedTime", group.CreatedTime),
        Xml.Members("SuspendedProcesses", group.SuspendedProcesses.Select(p => new object[]
        {
            new XElement("ProcessName", p.Key), new XElement("SuspensionReason", p.Value),
        })),
        Xml.Text("PlacementGroup", group.PlacementGroup),
        Xml.Text("VPCZoneIdentifier", group.VpcZoneIdentifier),
        new XElement("EnabledMetrics"),
        Xml.Text("Status", group.IsDeleting ? "Delete in progress" : null),
        new XElement("Tags", group.Tags.Values.Select(t => Tag(group.Name, t))),
        Xml.MemberStrings("TerminationPolicies", group.TerminationPolicies),
        Xml.Bool("NewInstancesProtectedFromScaleIn", group.NewInstancesProtectedFromScaleIn),
        new XElement("ServiceLinkedRoleARN", group.ServiceLinkedRoleArn),
        Xml.Number("MaxInstanceLifetime", group.MaxInstanceLifetime),
        Xml.Bool("CapacityRebalance", group.CapacityRebalance),
        Xml.Text("Context", group.Context),
        Xml.Text("DesiredCapacityType", group.DesiredCapacityType),
        Xml.Number("DefaultInstanceWarmup", group.DefaultInstanceWarmup),
        new XElement("TrafficSources", group.TargetGroupArns.Select(arn => new XElement(
            "member", new XElement("Identifier", arn), new XElement("Type", "elbv2")))));

    public static object?[] Instance(SimulatedInstance instance, DateTimeOffset now) =>
    [
        new XElement("InstanceId", instance.InstanceId),
        new XElement("InstanceType", instance.InstanceType),
        new XElement("AvailabilityZone", instance.AvailabilityZone),
        new XElement("LifecycleState", instance.LifecycleState(now)),
        new XElement("HealthStatus", instance.HealthStatus(now)),
        Xml.Text("LaunchConfigurationName", instance.LaunchConfigurationName),
        instance.LaunchTemplate is null ? null : TemplateSpec("LaunchTemplate", instance.LaunchTemplate),
        new XElement("ImageId", instance.ImageId),
        Xml.Bool("ProtectedFromScaleIn", instance.ProtectedFromScaleIn),
        instance.ReportsWeight ? Xml.Number("WeightedCapacity", instance.WeightedCapacity) : null,
    ];

    /// <summary>An instance as DescribeAutoScalingInstances lists it: with its group, and its health in capitals, as AWS spells it there.</summary>
    public static XElement InstanceDetails(SimulatedInstance instance, DateTimeOffset now) => new(
        "member",
        new XElement("InstanceId", instance.InstanceId),
        new XElement("InstanceType", instance.InstanceType),
        new XElement("AutoScalingGroupName", instance.GroupName),
        new XElement("AvailabilityZone", instance.AvailabilityZone),
        new XElement("LifecycleState", instance.LifecycleState(now)),
        new XElement("HealthStatus", instance.HealthStatus(now).ToUpperInvariant()),
        Xml.Text("LaunchConfigurationName", instance.LaunchConfigurationName),
        instance.LaunchTemplate is null ? null : TemplateSpec("LaunchTemplate", instance.LaunchTemplate),
        new XElement("ImageId", instance.ImageId),
        Xml.Bool("ProtectedFromScaleIn", instance.ProtectedFromScaleIn),
        instance.ReportsWeight ? Xml.Number("WeightedCapacity", instance.WeightedCapacity) : null);

    public static XElement TemplateSpec(string name, LaunchTemplateSpec spec) => new(
        name,
        Xml.Text("LaunchTemplateId", spec.LaunchTemplateId),
        Xml.Text("LaunchTemplateName", spec.LaunchTemplateName),
        Xml.Text("Version", spec.Version));

    public static XElement Tag(string groupName, AsgTag tag) => new(
        "member",
        new XElement("ResourceId", groupName),
        new XElement("ResourceType", "auto-scaling-group"),
        new XElement("Key", tag.Key),
        new XElement("Value", tag.Value),
        Xml.Bool("PropagateAtLaunch", tag.PropagateAtLaunch));

    public static XElement Activity(ScalingActivityRecord activity, DateTimeOffset now, string elementName = "member") => new(
        elementName,
        new XElement("ActivityId", activity.ActivityId),
        new XElement("AutoScalingGroupName", activity.GroupName),
        new XElement("Description", activity.Description),
        new XElement("Cause", activity.Cause),
        Xml.Time("StartTime", activity.StartTime),
        Xml.Time("EndTime", activity.EndTime(now)),
        new XElement("StatusCode", activity.StatusCode(now)),
        Xml.Text("StatusMessage", activity.StatusMessage(now)),
        Xml.Number("Progress", activity.Progress(now)),
        Xml.Text("Details", Details(activity)),
        new XElement("AutoScalingGroupARN", activity.GroupArn));

    /// <summary>
    /// The activity's details, which AWS leaves free-form JSON; the simulator adds the inspection-log sequence number of
    /// the request that caused the activity, so activities that share a start time still show which call made them.
    /// </summary>
    private static string Details(ScalingActivityRecord activity)
    {
        var details = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (activity.Details is not null)
        {
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(activity.Details)!)
                details[key] = value;
        }
        if (activity.RequestSequence is { } sequence)
            details["Simulator Request Sequence"] = sequence.ToString(CultureInfo.InvariantCulture);
        return JsonSerializer.Serialize(details);
    }

    /// <summary>A policy: the stored PutScalingPolicy parameters echoed back (Auto Scaling's output names are its input names).</summary>
    public static XElement Policy(RegionState region, string groupName, PolicyRecord record)
    {
        var parameters = record.Policy.Parameters;
        // AWS reports DisableScaleIn=false for a target-tracking policy that did not say; the stored parameters stay as put.
        if (record.Policy.PolicyType == "TargetTrackingScaling" && !parameters.ContainsKey("TargetTrackingConfiguration.DisableScaleIn"))
            parameters = parameters.SetItem("TargetTrackingConfiguration.DisableScaleIn", "false");
        return new XElement(
            "member",
            new XElement("AutoScalingGroupName", groupName),
            new XElement("PolicyName", record.Policy.PolicyName),
            new XElement("PolicyARN", record.Arn),
            new XElement("PolicyType", record.Policy.PolicyType),
            ParameterXml.ToElements(parameters.Remove("Enabled"), QueryDialect.AwsQuery),
            parameters.ContainsKey("StepAdjustments") ? null : new XElement("StepAdjustments"),
            // AWS lists the alarms related to the policy: its own (target tracking) and every alarm that acts on its ARN.
            Alarms(region, record.AlarmNames.Concat(region.Alarms.Values
                .Where(alarm => alarm.Parameters.Any(p => p.Key.StartsWith("AlarmActions.", StringComparison.Ordinal) && p.Value == record.Arn))
                .Select(alarm => alarm.Name)).Distinct(StringComparer.Ordinal)),
            new XElement("Enabled", parameters.GetValueOrDefault("Enabled") ?? "true"));
    }

    public static XElement Alarms(RegionState region, IEnumerable<string> alarmNames) =>
        Xml.Members("Alarms", alarmNames.Select(name => new object[]
        {
            new XElement("AlarmName", name),
            new XElement("AlarmARN", $"arn:aws:cloudwatch:{region.Region}:{region.AccountId}:alarm:{name}"),
        }));

    /// <summary>A scheduled action; like AWS, Time and StartTime give the next run, which for a recurring action moves on.</summary>
    public static XElement ScheduledAction(string groupName, ScheduledActionRecord record)
    {
        var action = record.Action;
        var next = record.NextRun ?? action.StartTime;
        return new XElement(
            "member",
            new XElement("AutoScalingGroupName", groupName),
            new XElement("ScheduledActionName", action.Name),
            new XElement("ScheduledActionARN", record.Arn),
            Xml.Time("Time", next),
            Xml.Time("StartTime", next),
            Xml.Time("EndTime", action.EndTime),
            Xml.Text("Recurrence", action.Recurrence),
            Xml.Number("MinSize", action.MinSize),
            Xml.Number("MaxSize", action.MaxSize),
            Xml.Number("DesiredCapacity", action.DesiredCapacity),
            Xml.Text("TimeZone", action.TimeZone));
    }

    public static XElement LifecycleHook(string groupName, LifecycleHook hook)
    {
        var heartbeat = hook.HeartbeatTimeout ?? 3600;
        return new XElement(
            "member",
            new XElement("LifecycleHookName", hook.Name),
            new XElement("AutoScalingGroupName", groupName),
            new XElement("LifecycleTransition", hook.Transition),
            Xml.Text("NotificationTargetARN", hook.NotificationTargetArn),
            Xml.Text("RoleARN", hook.RoleArn),
            Xml.Text("NotificationMetadata", hook.NotificationMetadata),
            Xml.Number("HeartbeatTimeout", heartbeat),
            // AWS caps the global timeout at 100 heartbeats or 48 hours, whichever is smaller.
            Xml.Number("GlobalTimeout", Math.Min(100L * heartbeat, 172_800)),
            new XElement("DefaultResult", hook.DefaultResult ?? "ABANDON"));
    }

    public static XElement LaunchConfiguration(LaunchConfigurationRecord record)
    {
        var configuration = record.Configuration;
        return new XElement(
            "member",
            new XElement("LaunchConfigurationName", configuration.Name),
            new XElement("LaunchConfigurationARN", record.Arn),
            new XElement("ImageId", configuration.ImageId),
            Xml.Text("KeyName", configuration.KeyName),
            Xml.MemberStrings("SecurityGroups", configuration.SecurityGroups),
            new XElement("ClassicLinkVPCSecurityGroups"),
            new XElement("UserData", configuration.UserDataBase64 ?? string.Empty),
            new XElement("InstanceType", configuration.InstanceType ?? "m1.small"),
            Xml.Text("KernelId", configuration.KernelId),
            Xml.Text("RamdiskId", configuration.RamdiskId),
            Xml.Members("BlockDeviceMappings", configuration.BlockDeviceMappings.Select(BlockDevice)),
            new XElement("InstanceMonitoring", Xml.Bool("Enabled", configuration.InstanceMonitoringEnabled ?? true)),
            Xml.Text("IamInstanceProfile", configuration.IamInstanceProfile),
            Xml.Time("CreatedTime", record.CreatedTime),
            Xml.Bool("EbsOptimized", configuration.EbsOptimized ?? false),
            Xml.Bool("AssociatePublicIpAddress", configuration.AssociatePublicIpAddress),
            Xml.Text("PlacementTenancy", configuration.PlacementTenancy),
            configuration.MetadataHttpTokens is null && configuration.MetadataHopLimit is null && configuration.MetadataHttpEndpoint is null
                ? null
                : new XElement(
                    "MetadataOptions",
                    Xml.Text("HttpTokens", configuration.MetadataHttpTokens),
                    Xml.Number("HttpPutResponseHopLimit", configuration.MetadataHopLimit),
                    Xml.Text("HttpEndpoint", configuration.MetadataHttpEndpoint)));
    }

    private static object?[] BlockDevice(BlockDeviceMapping mapping) =>
    [
        Xml.Text("VirtualName", mapping.VirtualName),
        new XElement("DeviceName", mapping.DeviceName),
        mapping.SnapshotId is null && mapping.VolumeSize is null && mapping.VolumeType is null && mapping.DeleteOnTermination is null
            && mapping.Encrypted is null && mapping.Iops is null && mapping.Throughput is null
            ? null
            : new XElement(
                "Ebs",
                Xml.Text("SnapshotId", mapping.SnapshotId),
                Xml.Number("VolumeSize", mapping.VolumeSize),
                Xml.Text("VolumeType", mapping.VolumeType),
                Xml.Bool("DeleteOnTermination", mapping.DeleteOnTermination),
                Xml.Number("Iops", mapping.Iops),
                Xml.Bool("Encrypted", mapping.Encrypted),
                Xml.Number("Throughput", mapping.Throughput)),
        Xml.Bool("NoDevice", mapping.NoDevice),
    ];

    private static XElement MixedInstances(MixedInstancesPolicy policy) => new(
        "MixedInstancesPolicy",
        new XElement(
            "LaunchTemplate",
            TemplateSpec("LaunchTemplateSpecification", policy.LaunchTemplate),
            Xml.Members("Overrides", policy.Overrides.Select(o => ParameterXml.ToElements(o.Parameters, QueryDialect.AwsQuery).ToArray()))),
        // AWS fills in the distribution's defaults when the caller leaves them out.
        new XElement(
            "InstancesDistribution",
            new XElement("OnDemandAllocationStrategy", policy.OnDemandAllocationStrategy ?? "prioritized"),
            Xml.Number("OnDemandBaseCapacity", policy.OnDemandBaseCapacity ?? 0),
            Xml.Number("OnDemandPercentageAboveBaseCapacity", policy.OnDemandPercentageAboveBaseCapacity ?? 100),
            new XElement("SpotAllocationStrategy", policy.SpotAllocationStrategy ?? "lowest-price"),
            Xml.Number("SpotInstancePools", policy.SpotInstancePools ?? 2),
            Xml.Text("SpotMaxPrice", policy.SpotMaxPrice)));
}
