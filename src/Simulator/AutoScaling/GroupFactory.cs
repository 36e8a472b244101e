using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Simulator.Ec2;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>Creates groups, from CreateAutoScalingGroup or from fixtures, with AWS's validation.</summary>
internal static class GroupFactory
{
    // Zone letters handed to subnets when a group names subnets but no zones (the simulator has no subnet model).
    private const string ZoneLetters = "abcdef";

    /// <summary>
    /// Validates and creates a group, then launches its desired capacity. With <paramref name="running"/> (a fixture
    /// group that existed before the simulation) its instances start InService and healthy, without launch activities.
    /// </summary>
    public static AutoScalingGroup Create(RegionState region, GroupDefinition definition, DateTimeOffset now, bool running = false)
    {
        GroupRules.Name(definition.Name);
        if (region.Groups.ContainsKey(definition.Name))
            throw AutoScalingErrors.AlreadyExists(definition.Name);
        GroupRules.NotNegative(definition.MinSize, "minSize");
        GroupRules.NotNegative(definition.MaxSize, "maxSize");
        GroupRules.NotNegative(definition.DesiredCapacity, "desiredCapacity");
        GroupRules.NotNegative(definition.HealthCheckGracePeriod, "healthCheckGracePeriod");
        GroupRules.NotNegative(definition.DefaultCooldown, "defaultCooldown");
        var desired = definition.DesiredCapacity ?? definition.MinSize;
        GroupRules.Capacity(definition.MinSize, definition.MaxSize, desired);
        GroupRules.InstanceLifetime(definition.MaxInstanceLifetime);
        GroupRules.HealthCheckType(definition.HealthCheckType);
        GroupRules.Tags(definition.Tags);
        foreach (var hook in definition.LifecycleHooks)
            GroupRules.LifecycleHook(hook);

        LaunchSources.ExactlyOne(definition.LaunchTemplate, definition.MixedInstancesPolicy, definition.LaunchConfigurationName, definition.InstanceId);
        var template = definition.LaunchTemplate is null ? null : LaunchSources.Template(region, definition.LaunchTemplate);
        var mixed = definition.MixedInstancesPolicy is null
            ? null
            : definition.MixedInstancesPolicy with { LaunchTemplate = LaunchSources.Template(region, definition.MixedInstancesPolicy.LaunchTemplate) };
        var configuration = definition.LaunchConfigurationName;
        if (configuration is not null)
            LaunchSources.Configuration(region, configuration);
        if (definition.InstanceId is not null)
            configuration = ConfigurationFromInstance(region, definition.InstanceId, definition.Name, now);

        var zones = Zones(region, definition.AvailabilityZones, definition.VpcZoneIdentifier);
        foreach (var arn in definition.TargetGroupArns.Where(arn => !region.TargetGroups.ContainsKey(arn)))
            throw AutoScalingErrors.Validation($"Provided Target Groups may not be valid. Please ensure they exist and try again. Target group ARN: {arn}");
        foreach (var name in definition.LoadBalancerNames.Where(name => !region.LoadBalancers.ContainsKey(name)))
            throw AutoScalingErrors.Validation($"Provided Load Balancers may not be valid. Please ensure they exist and try again. Load balancer: {name}");

        var group = new AutoScalingGroup
        {
            Name = definition.Name,
            Arn = region.AutoScalingArn($"autoScalingGroup:{region.Ids.Uuid()}:autoScalingGroupName/{definition.Name}"),
            CreatedTime = definition.CreatedTime ?? now,
            MadeAt = now,
            ServiceLinkedRoleArn = definition.ServiceLinkedRoleArn
                ?? $"arn:aws:iam::{region.AccountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
            LaunchTemplate = template,
            MixedInstancesPolicy = mixed,
            LaunchConfigurationName = configuration,
            DefaultCooldown = definition.DefaultCooldown ?? 300,
            AvailabilityZones = zones,
            VpcZoneIdentifier = definition.VpcZoneIdentifier,
            HealthCheckType = definition.HealthCheckType ?? "EC2",
            HealthCheckGracePeriod = definition.HealthCheckGracePeriod ?? 0,
            TerminationPolicies = definition.TerminationPolicies.Count == 0 ? ["Default"] : [.. definition.TerminationPolicies],
            NewInstancesProtectedFromScaleIn = definition.NewInstancesProtectedFromScaleIn ?? false,
            CapacityRebalance = definition.CapacityRebalance ?? false,
            MaxInstanceLifetime = definition.MaxInstanceLifetime,
            DefaultInstanceWarmup = definition.DefaultInstanceWarmup,
            PlacementGroup = definition.PlacementGroup,
            DesiredCapacityType = definition.DesiredCapacityType,
            Context = definition.Context,
        };
        // A fixture group existed before the simulation began, so no eventual-consistency lag hides it.
        group.Resize(definition.MinSize, desired, definition.MaxSize, running ? DateTimeOffset.MinValue : now);
        group.TargetGroupArns.AddRange(definition.TargetGroupArns.Distinct(StringComparer.Ordinal));
        group.LoadBalancerNames.AddRange(definition.LoadBalancerNames.Distinct(StringComparer.Ordinal));
        foreach (var tag in definition.Tags)
            group.Tags[tag.Key] = tag;
        foreach (var hook in definition.LifecycleHooks)
            group.LifecycleHooks[hook.Name] = hook;

        if (running)
        {
            // Fails before adding anything when the group has nothing to launch from, so a bad fixture leaves no trace.
            GroupScaler.AddRunningInstances(region, group, now);
            region.Groups[group.Name] = group;
        }
        else
        {
            region.Groups[group.Name] = group;
            GroupScaler.Reconcile(region, group, now, $"a user request created an AutoScalingGroup changing the desired capacity from 0 to {desired}");
        }
        return group;
    }

    /// <summary>
    /// The zones a group spans: the ones named, else one per subnet. Without a subnet model the simulator cannot
    /// check that subnets lie in the named zones, so it does not.
    /// </summary>
    public static List<string> Zones(RegionState region, IReadOnlyList<string> zones, string? vpcZoneIdentifier)
    {
        var subnets = (vpcZoneIdentifier ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (zones.Count == 0 && subnets.Length == 0)
            throw AutoScalingErrors.Validation("At least one Availability Zone or VPC Subnet is required.");
        return zones.Count > 0
            ? [.. zones.Distinct(StringComparer.Ordinal)]
            : [.. subnets.Select((_, i) => region.Region + ZoneLetters[i % ZoneLetters.Length]).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>As AWS does for a group created from an instance: a launch configuration named after the group, copying the instance.</summary>
    private static string ConfigurationFromInstance(RegionState region, string instanceId, string groupName, DateTimeOffset now)
    {
        var instance = region.FindInstance(instanceId);
        if (instance is null || !instance.IsLive)
            throw AutoScalingErrors.Validation($"Instance Id not found - No managed instance found for instance ID: {instanceId}");
        if (!region.LaunchConfigurations.ContainsKey(groupName))
        {
            var configuration = new LaunchConfiguration { Name = groupName, ImageId = instance.ImageId, InstanceType = instance.InstanceType };
            var arn = region.AutoScalingArn($"launchConfiguration:{region.Ids.Uuid()}:launchConfigurationName/{groupName}");
            region.LaunchConfigurations[groupName] = new LaunchConfigurationRecord(configuration, arn, now);
        }
        return groupName;
    }
}
