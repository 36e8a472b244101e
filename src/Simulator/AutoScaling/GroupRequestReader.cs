using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>Reads the group-shaped parameters of CreateAutoScalingGroup and UpdateAutoScalingGroup.</summary>
internal static class GroupRequestReader
{
    public static GroupDefinition Definition(QueryParameters parameters) => new()
    {
        Name = parameters.Required("AutoScalingGroupName"),
        LaunchTemplate = TemplateSpec(parameters, "LaunchTemplate"),
        MixedInstancesPolicy = MixedInstances(parameters),
        LaunchConfigurationName = parameters["LaunchConfigurationName"],
        InstanceId = parameters["InstanceId"],
        MinSize = parameters.RequiredInt("MinSize"),
        MaxSize = parameters.RequiredInt("MaxSize"),
        DesiredCapacity = parameters.Int("DesiredCapacity"),
        DefaultCooldown = parameters.Int("DefaultCooldown"),
        AvailabilityZones = parameters.Strings("AvailabilityZones"),
        VpcZoneIdentifier = parameters["VPCZoneIdentifier"],
        LoadBalancerNames = parameters.Strings("LoadBalancerNames"),
        TargetGroupArns = parameters.Strings("TargetGroupARNs"),
        HealthCheckType = parameters["HealthCheckType"],
        HealthCheckGracePeriod = parameters.Int("HealthCheckGracePeriod"),
        PlacementGroup = parameters["PlacementGroup"],
        TerminationPolicies = parameters.Strings("TerminationPolicies"),
        NewInstancesProtectedFromScaleIn = parameters.Bool("NewInstancesProtectedFromScaleIn"),
        CapacityRebalance = parameters.Bool("CapacityRebalance"),
        LifecycleHooks = parameters.Structs("LifecycleHookSpecificationList").Select(Hook).ToList(),
        Tags = parameters.Structs("Tags").Select(Tag).ToList(),
        ServiceLinkedRoleArn = parameters["ServiceLinkedRoleARN"],
        MaxInstanceLifetime = parameters.Int("MaxInstanceLifetime"),
        DefaultInstanceWarmup = parameters.Int("DefaultInstanceWarmup"),
        Context = parameters["Context"],
        DesiredCapacityType = parameters["DesiredCapacityType"],
    };

    public static GroupChange Change(QueryParameters parameters) => new()
    {
        LaunchTemplate = TemplateSpec(parameters, "LaunchTemplate"),
        MixedInstancesPolicy = MixedInstances(parameters),
        LaunchConfigurationName = parameters["LaunchConfigurationName"],
        MinSize = parameters.Int("MinSize"),
        MaxSize = parameters.Int("MaxSize"),
        DesiredCapacity = parameters.Int("DesiredCapacity"),
        DefaultCooldown = parameters.Int("DefaultCooldown"),
        AvailabilityZones = parameters.Has("AvailabilityZones") ? parameters.Strings("AvailabilityZones") : null,
        VpcZoneIdentifier = parameters["VPCZoneIdentifier"],
        HealthCheckType = parameters["HealthCheckType"],
        HealthCheckGracePeriod = parameters.Int("HealthCheckGracePeriod"),
        PlacementGroup = parameters["PlacementGroup"],
        TerminationPolicies = parameters.Has("TerminationPolicies") ? parameters.Strings("TerminationPolicies") : null,
        NewInstancesProtectedFromScaleIn = parameters.Bool("NewInstancesProtectedFromScaleIn"),
        CapacityRebalance = parameters.Bool("CapacityRebalance"),
        MaxInstanceLifetime = parameters.Int("MaxInstanceLifetime"),
        DefaultInstanceWarmup = parameters.Int("DefaultInstanceWarmup"),
        Context = parameters["Context"],
        DesiredCapacityType = parameters["DesiredCapacityType"],
    };

    /// <summary>A tag of CreateAutoScalingGroup or CreateOrUpdateTags; PropagateAtLaunch defaults to false as in the API.</summary>
    public static AsgTag Tag(QueryParameters tag) =>
        new(tag.Required("Key"), tag["Value"] ?? string.Empty, tag.Bool("PropagateAtLaunch") ?? false);

    public static LifecycleHook Hook(QueryParameters hook) => new()
    {
        Name = hook.Required("LifecycleHookName"),
        Transition = hook.Required("LifecycleTransition"),
        HeartbeatTimeout = hook.Int("HeartbeatTimeout"),
        DefaultResult = hook["DefaultResult"],
        NotificationTargetArn = hook["NotificationTargetARN"],
        RoleArn = hook["RoleARN"],
        NotificationMetadata = hook["NotificationMetadata"],
    };

    private static LaunchTemplateSpec? TemplateSpec(QueryParameters parameters, string name)
    {
        if (!parameters.Has(name))
            return null;
        var spec = parameters.Struct(name);
        return new LaunchTemplateSpec(spec["LaunchTemplateId"], spec["LaunchTemplateName"], spec["Version"]);
    }

    private static MixedInstancesPolicy? MixedInstances(QueryParameters parameters)
    {
        if (!parameters.Has("MixedInstancesPolicy"))
            return null;
        var policy = parameters.Struct("MixedInstancesPolicy");
        var template = policy.Struct("LaunchTemplate");
        var distribution = policy.Struct("InstancesDistribution");
        return new MixedInstancesPolicy
        {
            LaunchTemplate = TemplateSpec(template, "LaunchTemplateSpecification")
                ?? throw AutoScalingErrors.Validation("Valid requests must contain either launchTemplateId or LaunchTemplateName"),
            // Kept as sent, so that overrides by instance requirements describe back as they were put.
            Overrides = template.Structs("Overrides").Select(o => new LaunchTemplateOverride(o.Flatten())).ToValueList(),
            OnDemandAllocationStrategy = distribution["OnDemandAllocationStrategy"],
            OnDemandBaseCapacity = distribution.Int("OnDemandBaseCapacity"),
            OnDemandPercentageAboveBaseCapacity = distribution.Int("OnDemandPercentageAboveBaseCapacity"),
            SpotAllocationStrategy = distribution["SpotAllocationStrategy"],
            SpotInstancePools = distribution.Int("SpotInstancePools"),
            SpotMaxPrice = distribution["SpotMaxPrice"],
        };
    }
}
