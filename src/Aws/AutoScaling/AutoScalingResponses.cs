using System.Xml.Linq;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.AutoScaling;

/// <summary>Reads the results of the Auto Scaling calls into domain types.</summary>
internal static class AutoScalingResponses
{
    public static IEnumerable<AsgDescription> Groups(XElement result) =>
        result.Members("AutoScalingGroups").Select(Group);

    public static IEnumerable<ScalingPolicy> Policies(XElement result) =>
        result.Members("ScalingPolicies").Select(ScalingPolicyForm.Read);

    /// <summary>The ARN PutScalingPolicy gave the policy it created or replaced.</summary>
    public static string PolicyArn(XElement result) => result.RequiredText("PolicyARN");

    public static IEnumerable<ScheduledAction> ScheduledActions(XElement result) =>
        result.Members("ScheduledUpdateGroupActions").Select(m => new ScheduledAction
        {
            Name = m.RequiredText("ScheduledActionName"),
            Recurrence = m.Text("Recurrence"),
            StartTime = m.Time("StartTime"),
            EndTime = m.Time("EndTime"),
            MinSize = m.Int("MinSize"),
            MaxSize = m.Int("MaxSize"),
            DesiredCapacity = m.Int("DesiredCapacity"),
            TimeZone = m.Text("TimeZone"),
        });

    public static IEnumerable<LifecycleHook> LifecycleHooks(XElement result) =>
        result.Members("LifecycleHooks").Select(m => new LifecycleHook
        {
            Name = m.RequiredText("LifecycleHookName"),
            Transition = m.RequiredText("LifecycleTransition"),
            HeartbeatTimeout = m.Int("HeartbeatTimeout"),
            DefaultResult = m.Text("DefaultResult"),
            NotificationTargetArn = m.Text("NotificationTargetARN"),
            RoleArn = m.Text("RoleARN"),
            NotificationMetadata = m.Text("NotificationMetadata"),
        });

    public static IEnumerable<ScalingActivity> Activities(XElement result) =>
        result.Members("Activities").Select(m => new ScalingActivity(
            m.RequiredText("ActivityId"),
            m.Text("Description") ?? string.Empty,
            m.RequiredText("StatusCode"),
            m.Text("StatusMessage"),
            m.Int("Progress") ?? 0,
            m.RequiredTime("StartTime"),
            m.Time("EndTime")));

    public static IEnumerable<LaunchConfiguration> LaunchConfigurations(XElement result) =>
        result.Members("LaunchConfigurations").Select(m => new LaunchConfiguration
        {
            Name = m.RequiredText("LaunchConfigurationName"),
            ImageId = m.RequiredText("ImageId"),
            InstanceType = m.Text("InstanceType"),
            KeyName = m.Text("KeyName"),
            SecurityGroups = m.MemberTexts("SecurityGroups").ToValueList(),
            IamInstanceProfile = m.Text("IamInstanceProfile"),
            UserDataBase64 = m.Text("UserData"),
            BlockDeviceMappings = m.Members("BlockDeviceMappings").Select(BlockDevice).ToValueList(),
            EbsOptimized = m.Bool("EbsOptimized"),
            InstanceMonitoringEnabled = m.Child("InstanceMonitoring")?.Bool("Enabled"),
            AssociatePublicIpAddress = m.Bool("AssociatePublicIpAddress"),
            PlacementTenancy = m.Text("PlacementTenancy"),
            KernelId = m.Text("KernelId"),
            RamdiskId = m.Text("RamdiskId"),
            MetadataHttpTokens = m.Child("MetadataOptions")?.Text("HttpTokens"),
            MetadataHopLimit = m.Child("MetadataOptions")?.Int("HttpPutResponseHopLimit"),
            MetadataHttpEndpoint = m.Child("MetadataOptions")?.Text("HttpEndpoint"),
        });

    private static AsgDescription Group(XElement m) => new()
    {
        Name = m.RequiredText("AutoScalingGroupName"),
        Arn = m.Text("AutoScalingGroupARN"),
        LaunchTemplate = m.Child("LaunchTemplate") is { } template ? TemplateSpec(template) : null,
        MixedInstancesPolicy = m.Child("MixedInstancesPolicy") is { } mixed ? MixedInstances(mixed) : null,
        LaunchConfigurationName = m.Text("LaunchConfigurationName"),
        MinSize = m.RequiredInt("MinSize"),
        MaxSize = m.RequiredInt("MaxSize"),
        DesiredCapacity = m.RequiredInt("DesiredCapacity"),
        DefaultCooldown = m.Int("DefaultCooldown") ?? 300,
        AvailabilityZones = m.MemberTexts("AvailabilityZones").ToValueList(),
        VpcZoneIdentifier = m.Text("VPCZoneIdentifier"),
        HealthCheckType = m.Text("HealthCheckType") ?? "EC2",
        HealthCheckGracePeriod = m.Int("HealthCheckGracePeriod") ?? 0,
        TargetGroupArns = m.MemberTexts("TargetGroupARNs").ToValueList(),
        LoadBalancerNames = m.MemberTexts("LoadBalancerNames").ToValueList(),
        Instances = m.Members("Instances").Select(i => new AsgInstance(
            i.RequiredText("InstanceId"),
            i.RequiredText("LifecycleState"),
            i.RequiredText("HealthStatus"),
            i.Text("AvailabilityZone"),
            i.Child("LaunchTemplate")?.Text("Version"),
            i.Bool("ProtectedFromScaleIn") ?? false)).ToValueList(),
        CreatedTime = m.RequiredTime("CreatedTime"),
        Tags = m.Members("Tags").Select(t => new AsgTag(
            t.RequiredText("Key"),
            // An empty tag value is legal and AWS writes it as <Value/>.
            t.Text("Value") ?? string.Empty,
            t.Bool("PropagateAtLaunch") ?? false)).ToValueList(),
        TerminationPolicies = m.MemberTexts("TerminationPolicies").ToValueList(),
        NewInstancesProtectedFromScaleIn = m.Bool("NewInstancesProtectedFromScaleIn") ?? false,
        PlacementGroup = m.Text("PlacementGroup"),
        CapacityRebalance = m.Bool("CapacityRebalance") ?? false,
        MaxInstanceLifetime = m.Int("MaxInstanceLifetime"),
        DefaultInstanceWarmup = m.Int("DefaultInstanceWarmup"),
        SuspendedProcesses = m.Members("SuspendedProcesses").Select(p => p.RequiredText("ProcessName")).ToValueList(),
        Status = m.Text("Status"),
    };

    private static LaunchTemplateSpec TemplateSpec(XElement template) =>
        new(template.Text("LaunchTemplateId"), template.Text("LaunchTemplateName"), template.Text("Version"));

    private static MixedInstancesPolicy MixedInstances(XElement mixed)
    {
        var template = mixed.Child("LaunchTemplate");
        var distribution = mixed.Child("InstancesDistribution");
        return new MixedInstancesPolicy
        {
            LaunchTemplate = template?.Child("LaunchTemplateSpecification") is { } spec
                ? TemplateSpec(spec)
                : throw InvalidResponse.Because("<MixedInstancesPolicy> has no <LaunchTemplate><LaunchTemplateSpecification>"),
            // Kept as Query parameters, so attribute-based overrides and per-override templates are copied as they are.
            Overrides = template.Members("Overrides").Select(o => new LaunchTemplateOverride(QueryForm.Of(o))).ToValueList(),
            OnDemandAllocationStrategy = distribution?.Text("OnDemandAllocationStrategy"),
            OnDemandBaseCapacity = distribution?.Int("OnDemandBaseCapacity"),
            OnDemandPercentageAboveBaseCapacity = distribution?.Int("OnDemandPercentageAboveBaseCapacity"),
            SpotAllocationStrategy = distribution?.Text("SpotAllocationStrategy"),
            SpotInstancePools = distribution?.Int("SpotInstancePools"),
            SpotMaxPrice = distribution?.Text("SpotMaxPrice"),
        };
    }

    private static BlockDeviceMapping BlockDevice(XElement m)
    {
        var ebs = m.Child("Ebs");
        return new BlockDeviceMapping
        {
            DeviceName = m.RequiredText("DeviceName"),
            VirtualName = m.Text("VirtualName"),
            NoDevice = m.Bool("NoDevice"),
            SnapshotId = ebs?.Text("SnapshotId"),
            VolumeSize = ebs?.Int("VolumeSize"),
            VolumeType = ebs?.Text("VolumeType"),
            DeleteOnTermination = ebs?.Bool("DeleteOnTermination"),
            Encrypted = ebs?.Bool("Encrypted"),
            Iops = ebs?.Int("Iops"),
            Throughput = ebs?.Int("Throughput"),
        };
    }
}
