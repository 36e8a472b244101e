namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// The port through which the engine talks to one AWS account in one region: the Auto Scaling, EC2 and
/// load-balancer and CloudWatch operations a deployment needs, in domain types. Every method throws
/// <see cref="CloudException"/> on failure, carrying AWS's code and message and whether a retry may help.
/// Implementations retry transient errors a bounded number of times before surfacing them.
/// </summary>
public interface ICloud
{
    /// <summary>The groups with these names; names that do not exist are simply absent from the result.</summary>
    Task<IReadOnlyList<AsgDescription>> DescribeAsgsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);

    /// <summary>
    /// Every group carrying tag <paramref name="key"/> (with value <paramref name="value"/> when given),
    /// found with a server-side tag filter rather than by listing the region.
    /// </summary>
    Task<IReadOnlyList<AsgDescription>> FindAsgsByTagAsync(string key, string? value, CancellationToken cancellationToken);

    Task CreateAsgAsync(CreateAsgRequest request, CancellationToken cancellationToken);

    Task UpdateAsgCapacityAsync(string asgName, CapacityUpdate update, CancellationToken cancellationToken);

    Task DeleteAsgAsync(string asgName, bool forceDelete, CancellationToken cancellationToken);

    /// <summary>Sets or lifts scale-in protection on instances of a group (SetInstanceProtection takes at most 50 per call).</summary>
    Task SetInstanceProtectionAsync(string asgName, IReadOnlyList<string> instanceIds, bool protectedFromScaleIn, CancellationToken cancellationToken);

    Task TagAsgAsync(string asgName, IReadOnlyList<AsgTag> tags, CancellationToken cancellationToken);

    Task UntagAsgAsync(string asgName, IReadOnlyList<string> keys, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScalingPolicy>> DescribePoliciesAsync(string asgName, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a policy by name; returns its ARN, which is new whenever the policy was (re)created.</summary>
    Task<string> PutScalingPolicyAsync(string asgName, ScalingPolicy policy, CancellationToken cancellationToken);

    Task DeletePolicyAsync(string asgName, string policyName, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScheduledAction>> DescribeScheduledActionsAsync(string asgName, CancellationToken cancellationToken);

    Task PutScheduledActionAsync(string asgName, ScheduledAction action, CancellationToken cancellationToken);

    Task DeleteScheduledActionAsync(string asgName, string actionName, CancellationToken cancellationToken);

    Task<IReadOnlyList<LifecycleHook>> DescribeLifecycleHooksAsync(string asgName, CancellationToken cancellationToken);

    Task PutLifecycleHookAsync(string asgName, LifecycleHook hook, CancellationToken cancellationToken);

    Task AttachTargetGroupsAsync(string asgName, IReadOnlyList<string> targetGroupArns, CancellationToken cancellationToken);

    Task DetachTargetGroupsAsync(string asgName, IReadOnlyList<string> targetGroupArns, CancellationToken cancellationToken);

    Task AttachLoadBalancersAsync(string asgName, IReadOnlyList<string> loadBalancerNames, CancellationToken cancellationToken);

    Task DetachLoadBalancersAsync(string asgName, IReadOnlyList<string> loadBalancerNames, CancellationToken cancellationToken);

    /// <summary>The group's most recent scaling activities, newest first.</summary>
    Task<IReadOnlyList<ScalingActivity>> DescribeScalingActivitiesAsync(string asgName, int maxRecords, CancellationToken cancellationToken);

    Task<IReadOnlyList<TargetGroup>> DescribeTargetGroupsAsync(IReadOnlyList<string> targetGroupArns, CancellationToken cancellationToken);

    Task<IReadOnlyList<TargetHealth>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellationToken);

    /// <summary>Instance health as a classic load balancer sees it.</summary>
    Task<IReadOnlyList<LoadBalancerInstanceHealth>> DescribeInstanceHealthAsync(string loadBalancerName, CancellationToken cancellationToken);

    Task<IReadOnlyList<MachineImage>> DescribeImagesAsync(ImageQuery query, CancellationToken cancellationToken);

    /// <summary>One version of a launch template; <paramref name="version"/> is a number, <c>$Latest</c> or <c>$Default</c>.</summary>
    Task<LaunchTemplateVersion> DescribeLaunchTemplateVersionAsync(LaunchTemplateSpec template, string version, CancellationToken cancellationToken);

    Task<LaunchTemplateVersion> CreateLaunchTemplateVersionAsync(CreateLaunchTemplateVersionRequest request, CancellationToken cancellationToken);

    Task<LaunchTemplateVersion> CreateLaunchTemplateAsync(CreateLaunchTemplateRequest request, CancellationToken cancellationToken);

    /// <summary>A launch configuration by name, or null when there is none.</summary>
    Task<LaunchConfiguration?> DescribeLaunchConfigurationAsync(string name, CancellationToken cancellationToken);

    /// <summary>The CloudWatch metric alarms with these names; names that do not exist are simply absent from the result.</summary>
    Task<IReadOnlyList<MetricAlarm>> DescribeAlarmsAsync(IReadOnlyCollection<string> alarmNames, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a metric alarm by name.</summary>
    Task PutMetricAlarmAsync(MetricAlarm alarm, CancellationToken cancellationToken);

    /// <summary>Deletes alarms by name; CloudWatch answers ResourceNotFound when one of them does not exist.</summary>
    Task DeleteAlarmsAsync(IReadOnlyCollection<string> alarmNames, CancellationToken cancellationToken);
}
