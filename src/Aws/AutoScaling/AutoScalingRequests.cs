using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.AutoScaling;

/// <summary>The Auto Scaling (2011-01-01) calls of the engine, from domain types to Query-protocol requests.</summary>
internal static class AutoScalingRequests
{
    /// <summary>AWS's ceiling for MaxRecords on the Describe calls the engine pages through.</summary>
    public const int MaxRecords = 100;

    /// <summary>DescribeAutoScalingGroups takes at most 50 names per call.</summary>
    public const int MaxGroupNamesPerCall = 50;

    /// <summary>Attach/Detach of target groups or load balancers takes at most 10 per call.</summary>
    public const int MaxLoadBalancersPerCall = 10;

    /// <summary>SetInstanceProtection takes at most 50 instance ids per call.</summary>
    public const int MaxInstancesPerProtectionCall = 50;

    public const string ResourceTypeGroup = "auto-scaling-group";

    public static QueryRequest DescribeGroups(IEnumerable<string> names) =>
        new("DescribeAutoScalingGroups", p => p
            .AddList("AutoScalingGroupNames", names)
            .Add("MaxRecords", MaxRecords));

    /// <summary>Groups with a tag, filtered by AWS: <c>tag:&lt;key&gt;</c> with the value, or <c>tag-key</c> with the key when any value will do.</summary>
    public static QueryRequest DescribeGroupsByTag(string key, string? value)
    {
        var (filterName, filterValue) = value is null ? ("tag-key", key) : ("tag:" + key, value);
        return new("DescribeAutoScalingGroups", p => p
            .AddList<string>("Filters", [filterName], (filter, name) => filter
                .Add("Name", name)
                .AddList("Values", [filterValue]))
            .Add("MaxRecords", MaxRecords));
    }

    public static QueryRequest CreateGroup(CreateAsgRequest request) =>
        new("CreateAutoScalingGroup", p =>
        {
            p.Add("AutoScalingGroupName", request.Name);
            if (request.LaunchTemplate is { } template)
                p.AddStructure("LaunchTemplate", s => WriteTemplate(s, template));
            if (request.MixedInstancesPolicy is { } mixed)
                p.AddStructure("MixedInstancesPolicy", s => WriteMixedInstancesPolicy(s, mixed));
            p.Add("MinSize", request.MinSize)
                .Add("MaxSize", request.MaxSize)
                .Add("DesiredCapacity", request.DesiredCapacity)
                .Add("DefaultCooldown", request.DefaultCooldown)
                .AddList("AvailabilityZones", request.AvailabilityZones)
                .Add("VPCZoneIdentifier", request.VpcZoneIdentifier)
                .Add("HealthCheckType", request.HealthCheckType)
                .Add("HealthCheckGracePeriod", request.HealthCheckGracePeriod)
                .AddList("TargetGroupARNs", request.TargetGroupArns)
                .AddList("LoadBalancerNames", request.LoadBalancerNames)
                .AddList("TerminationPolicies", request.TerminationPolicies)
                .Add("NewInstancesProtectedFromScaleIn", request.NewInstancesProtectedFromScaleIn)
                .Add("PlacementGroup", request.PlacementGroup)
                .Add("CapacityRebalance", request.CapacityRebalance)
                .Add("MaxInstanceLifetime", request.MaxInstanceLifetime)
                .Add("DefaultInstanceWarmup", request.DefaultInstanceWarmup)
                .AddList("LifecycleHookSpecificationList", request.LifecycleHooks, (s, hook) => s
                    .Add("LifecycleHookName", hook.Name)
                    .Add("LifecycleTransition", hook.Transition)
                    .Add("NotificationMetadata", hook.NotificationMetadata)
                    .Add("HeartbeatTimeout", hook.HeartbeatTimeout)
                    .Add("DefaultResult", hook.DefaultResult)
                    .Add("NotificationTargetARN", hook.NotificationTargetArn)
                    .Add("RoleARN", hook.RoleArn))
                .AddList("Tags", request.Tags, (s, tag) => WriteTag(s, request.Name, tag));
        });

    public static QueryRequest UpdateCapacity(string name, CapacityUpdate update) =>
        new("UpdateAutoScalingGroup", p => p
            .Add("AutoScalingGroupName", name)
            .Add("MinSize", update.MinSize)
            .Add("MaxSize", update.MaxSize)
            .Add("DesiredCapacity", update.DesiredCapacity));

    public static QueryRequest DeleteGroup(string name, bool forceDelete) =>
        new("DeleteAutoScalingGroup", p => p
            .Add("AutoScalingGroupName", name)
            .Add("ForceDelete", forceDelete));

    public static QueryRequest SetInstanceProtection(string name, IEnumerable<string> instanceIds, bool protectedFromScaleIn) =>
        new("SetInstanceProtection", p => p
            .Add("AutoScalingGroupName", name)
            .AddList("InstanceIds", instanceIds)
            .Add("ProtectedFromScaleIn", protectedFromScaleIn));

    public static QueryRequest CreateOrUpdateTags(string name, IEnumerable<AsgTag> tags) =>
        new("CreateOrUpdateTags", p => p.AddList("Tags", tags, (s, tag) => WriteTag(s, name, tag)));

    public static QueryRequest DeleteTags(string name, IEnumerable<string> keys) =>
        new("DeleteTags", p => p.AddList("Tags", keys, (s, key) => s
            .Add("ResourceId", name)
            .Add("ResourceType", ResourceTypeGroup)
            .Add("Key", key)));

    public static QueryRequest DescribePolicies(string name) =>
        new("DescribePolicies", p => p
            .Add("AutoScalingGroupName", name)
            .Add("MaxRecords", MaxRecords));

    public static QueryRequest PutScalingPolicy(string name, ScalingPolicy policy) =>
        new("PutScalingPolicy", p => p
            .Add("AutoScalingGroupName", name)
            .Add("PolicyName", policy.PolicyName)
            .Add("PolicyType", policy.PolicyType)
            .AddAll(ScalingPolicyForm.PutParameters(policy)));

    public static QueryRequest DeletePolicy(string name, string policyName) =>
        new("DeletePolicy", p => p
            .Add("AutoScalingGroupName", name)
            .Add("PolicyName", policyName));

    public static QueryRequest DescribeScheduledActions(string name) =>
        new("DescribeScheduledActions", p => p
            .Add("AutoScalingGroupName", name)
            .Add("MaxRecords", MaxRecords));

    public static QueryRequest PutScheduledAction(string name, ScheduledAction action) =>
        new("PutScheduledUpdateGroupAction", p => p
            .Add("AutoScalingGroupName", name)
            .Add("ScheduledActionName", action.Name)
            .Add("StartTime", action.StartTime)
            .Add("EndTime", action.EndTime)
            .Add("Recurrence", action.Recurrence)
            .Add("MinSize", action.MinSize)
            .Add("MaxSize", action.MaxSize)
            .Add("DesiredCapacity", action.DesiredCapacity)
            .Add("TimeZone", action.TimeZone));

    public static QueryRequest DeleteScheduledAction(string name, string actionName) =>
        new("DeleteScheduledAction", p => p
            .Add("AutoScalingGroupName", name)
            .Add("ScheduledActionName", actionName));

    public static QueryRequest DescribeLifecycleHooks(string name) =>
        new("DescribeLifecycleHooks", p => p.Add("AutoScalingGroupName", name));

    public static QueryRequest PutLifecycleHook(string name, LifecycleHook hook) =>
        new("PutLifecycleHook", p => p
            .Add("AutoScalingGroupName", name)
            .Add("LifecycleHookName", hook.Name)
            .Add("LifecycleTransition", hook.Transition)
            .Add("RoleARN", hook.RoleArn)
            .Add("NotificationTargetARN", hook.NotificationTargetArn)
            .Add("NotificationMetadata", hook.NotificationMetadata)
            .Add("HeartbeatTimeout", hook.HeartbeatTimeout)
            .Add("DefaultResult", hook.DefaultResult));

    public static QueryRequest AttachTargetGroups(string name, IEnumerable<string> arns) =>
        new("AttachLoadBalancerTargetGroups", p => p
            .Add("AutoScalingGroupName", name)
            .AddList("TargetGroupARNs", arns));

    public static QueryRequest DetachTargetGroups(string name, IEnumerable<string> arns) =>
        new("DetachLoadBalancerTargetGroups", p => p
            .Add("AutoScalingGroupName", name)
            .AddList("TargetGroupARNs", arns));

    public static QueryRequest AttachLoadBalancers(string name, IEnumerable<string> loadBalancerNames) =>
        new("AttachLoadBalancers", p => p
            .Add("AutoScalingGroupName", name)
            .AddList("LoadBalancerNames", loadBalancerNames));

    public static QueryRequest DetachLoadBalancers(string name, IEnumerable<string> loadBalancerNames) =>
        new("DetachLoadBalancers", p => p
            .Add("AutoScalingGroupName", name)
            .AddList("LoadBalancerNames", loadBalancerNames));

    public static QueryRequest DescribeScalingActivities(string name, int maxRecords) =>
        new("DescribeScalingActivities", p => p
            .Add("AutoScalingGroupName", name)
            .Add("MaxRecords", Math.Min(maxRecords, MaxRecords)));

    public static QueryRequest DescribeLaunchConfiguration(string name) =>
        new("DescribeLaunchConfigurations", p => p.AddList("LaunchConfigurationNames", [name]));

    // AWS refuses a template named both by id and by name, and DescribeAutoScalingGroups reports both: a spec
    // read from an existing group is sent back by id alone.
    private static void WriteTemplate(QueryParameters parameters, LaunchTemplateSpec template) =>
        parameters
            .Add("LaunchTemplateId", template.LaunchTemplateId)
            .Add("LaunchTemplateName", template.LaunchTemplateId is null ? template.LaunchTemplateName : null)
            .Add("Version", template.Version);

    private static void WriteMixedInstancesPolicy(QueryParameters parameters, MixedInstancesPolicy policy) =>
        parameters
            .AddStructure("LaunchTemplate", lt => lt
                .AddStructure("LaunchTemplateSpecification", s => WriteTemplate(s, policy.LaunchTemplate))
                .AddList("Overrides", policy.Overrides, (o, item) => o.AddAll(item.Parameters)))
            .AddStructure("InstancesDistribution", d => d
                .Add("OnDemandAllocationStrategy", policy.OnDemandAllocationStrategy)
                .Add("OnDemandBaseCapacity", policy.OnDemandBaseCapacity)
                .Add("OnDemandPercentageAboveBaseCapacity", policy.OnDemandPercentageAboveBaseCapacity)
                .Add("SpotAllocationStrategy", policy.SpotAllocationStrategy)
                .Add("SpotInstancePools", policy.SpotInstancePools)
                .Add("SpotMaxPrice", policy.SpotMaxPrice));

    private static void WriteTag(QueryParameters parameters, string groupName, AsgTag tag) =>
        parameters
            .Add("ResourceId", groupName)
            .Add("ResourceType", ResourceTypeGroup)
            .Add("Key", tag.Key)
            .Add("Value", tag.Value)
            .Add("PropagateAtLaunch", tag.PropagateAtLaunch);
}
