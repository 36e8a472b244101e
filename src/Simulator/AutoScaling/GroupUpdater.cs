using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>Applies UpdateAutoScalingGroup with AWS's rules for sizes left unspecified.</summary>
internal static class GroupUpdater
{
    public static void Apply(RegionState region, AutoScalingGroup group, GroupChange change, DateTimeOffset now)
    {
        if (group.IsDeleting)
            throw AutoScalingErrors.PendingDelete(group.Name);
        GroupRules.NotNegative(change.MinSize, "minSize");
        GroupRules.NotNegative(change.MaxSize, "maxSize");
        GroupRules.NotNegative(change.DesiredCapacity, "desiredCapacity");
        GroupRules.NotNegative(change.HealthCheckGracePeriod, "healthCheckGracePeriod");
        GroupRules.NotNegative(change.DefaultCooldown, "defaultCooldown");
        GroupRules.InstanceLifetime(change.MaxInstanceLifetime);
        GroupRules.HealthCheckType(change.HealthCheckType);

        var min = change.MinSize ?? group.MinSize;
        var max = change.MaxSize ?? group.MaxSize;
        // Model doc: a new MinSize above the current capacity raises it, a new MaxSize below it lowers it.
        var desired = change.DesiredCapacity ?? Math.Clamp(group.DesiredCapacity, Math.Min(min, max), max);
        GroupRules.Capacity(min, max, desired);

        var sources = (change.LaunchTemplate is null ? 0 : 1) + (change.MixedInstancesPolicy is null ? 0 : 1) + (change.LaunchConfigurationName is null ? 0 : 1);
        // An update may leave the launch source alone, but may not name two.
        if (sources > 1)
            throw AutoScalingErrors.OneLaunchSource();
        var template = change.LaunchTemplate is null ? null : LaunchSources.Template(region, change.LaunchTemplate);
        var mixed = change.MixedInstancesPolicy is null
            ? null
            : change.MixedInstancesPolicy with { LaunchTemplate = LaunchSources.Template(region, change.MixedInstancesPolicy.LaunchTemplate) };
        if (change.LaunchConfigurationName is not null)
            LaunchSources.Configuration(region, change.LaunchConfigurationName);
        var zones = change.AvailabilityZones is not null || change.VpcZoneIdentifier is not null
            ? GroupFactory.Zones(region, change.AvailabilityZones ?? [], change.VpcZoneIdentifier ?? group.VpcZoneIdentifier)
            : null;

        // Every check has passed: from here on the update applies as a whole.
        if (sources == 1)
        {
            group.LaunchTemplate = template;
            group.MixedInstancesPolicy = mixed;
            group.LaunchConfigurationName = change.LaunchConfigurationName;
        }
        if (zones is not null)
            group.AvailabilityZones = zones;
        group.VpcZoneIdentifier = change.VpcZoneIdentifier ?? group.VpcZoneIdentifier;
        group.DefaultCooldown = change.DefaultCooldown ?? group.DefaultCooldown;
        group.HealthCheckType = change.HealthCheckType ?? group.HealthCheckType;
        group.HealthCheckGracePeriod = change.HealthCheckGracePeriod ?? group.HealthCheckGracePeriod;
        group.PlacementGroup = change.PlacementGroup ?? group.PlacementGroup;
        group.TerminationPolicies = change.TerminationPolicies is { Count: > 0 } policies ? [.. policies] : group.TerminationPolicies;
        group.NewInstancesProtectedFromScaleIn = change.NewInstancesProtectedFromScaleIn ?? group.NewInstancesProtectedFromScaleIn;
        group.CapacityRebalance = change.CapacityRebalance ?? group.CapacityRebalance;
        group.MaxInstanceLifetime = change.MaxInstanceLifetime ?? group.MaxInstanceLifetime;
        group.DefaultInstanceWarmup = change.DefaultInstanceWarmup ?? group.DefaultInstanceWarmup;
        group.Context = change.Context ?? group.Context;
        group.DesiredCapacityType = change.DesiredCapacityType ?? group.DesiredCapacityType;

        var previous = group.DesiredCapacity;
        group.Resize(min, desired, max, now);
        GroupScaler.Reconcile(
            region,
            group,
            now,
            $"a user request update of AutoScalingGroup constraints to min: {min}, max: {max}, desired: {desired} changing the desired capacity from {previous} to {desired}");
    }
}
