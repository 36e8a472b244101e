using AmiOrchestrator.Aws.AutoScaling;
using AmiOrchestrator.Aws.CloudWatch;
using AmiOrchestrator.Aws.Ec2;
using AmiOrchestrator.Aws.LoadBalancing;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws;

/// <summary>
/// <see cref="ICloud"/> for one account in one region: Auto Scaling, ELBv2, classic ELB and CloudWatch through our
/// Query-protocol client, EC2 through AWSSDK.EC2, every call under the shared call budget and retry policy.
/// Requests that would ask AWS for "everything" when given nothing (no names, no ARNs) are answered locally.
/// </summary>
internal sealed class AwsCloud(
    QueryChannel autoScaling,
    QueryChannel loadBalancingV2,
    QueryChannel classicLoadBalancing,
    QueryChannel cloudWatch,
    Ec2Api ec2) : ICloud, IDisposable
{
    public async Task<IReadOnlyList<AsgDescription>> DescribeAsgsAsync(
        IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var groups = new List<AsgDescription>();
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(AutoScalingRequests.MaxGroupNamesPerCall))
        {
            groups.AddRange(await autoScaling.ListAsync(
                AutoScalingRequests.DescribeGroups(chunk), Pagination.NextToken, AutoScalingResponses.Groups, cancellationToken));
        }

        return groups;
    }

    public Task<IReadOnlyList<AsgDescription>> FindAsgsByTagAsync(string key, string? value, CancellationToken cancellationToken) =>
        autoScaling.ListAsync(
            AutoScalingRequests.DescribeGroupsByTag(key, value), Pagination.NextToken, AutoScalingResponses.Groups, cancellationToken);

    public Task CreateAsgAsync(CreateAsgRequest request, CancellationToken cancellationToken) =>
        autoScaling.CallAsync(AutoScalingRequests.CreateGroup(request), cancellationToken);

    public Task UpdateAsgCapacityAsync(string asgName, CapacityUpdate update, CancellationToken cancellationToken) =>
        autoScaling.CallAsync(AutoScalingRequests.UpdateCapacity(asgName, update), cancellationToken);

    public Task DeleteAsgAsync(string asgName, bool forceDelete, CancellationToken cancellationToken) =>
        autoScaling.CallAsync(AutoScalingRequests.DeleteGroup(asgName, forceDelete), cancellationToken);

    public async Task SetInstanceProtectionAsync(
        string asgName, IReadOnlyList<string> instanceIds, bool protectedFromScaleIn, CancellationToken cancellationToken)
    {
        foreach (var chunk in instanceIds.Distinct(StringComparer.Ordinal).Chunk(AutoScalingRequests.MaxInstancesPerProtectionCall))
            await autoScaling.CallAsync(AutoScalingRequests.SetInstanceProtection(asgName, chunk, protectedFromScaleIn), cancellationToken);
    }

    public Task TagAsgAsync(string asgName, IReadOnlyList<AsgTag> tags, CancellationToken cancellationToken) =>
        tags.Count == 0
            ? Task.CompletedTask
            : autoScaling.CallAsync(AutoScalingRequests.CreateOrUpdateTags(asgName, tags), cancellationToken);

    public Task UntagAsgAsync(string asgName, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        keys.Count == 0
            ? Task.CompletedTask
            : autoScaling.CallAsync(AutoScalingRequests.DeleteTags(asgName, keys), cancellationToken);

    public Task<IReadOnlyList<ScalingPolicy>> DescribePoliciesAsync(string asgName, CancellationToken cancellationToken) =>
        autoScaling.ListAsync(
            AutoScalingRequests.DescribePolicies(asgName), Pagination.NextToken, AutoScalingResponses.Policies, cancellationToken);

    public async Task<string> PutScalingPolicyAsync(string asgName, ScalingPolicy policy, CancellationToken cancellationToken) =>
        AutoScalingResponses.PolicyArn(await autoScaling.CallAsync(AutoScalingRequests.PutScalingPolicy(asgName, policy), cancellationToken));

    public Task DeletePolicyAsync(string asgName, string policyName, CancellationToken cancellationToken) =>
        autoScaling.CallAsync(AutoScalingRequests.DeletePolicy(asgName, policyName), cancellationToken);

    public Task<IReadOnlyList<ScheduledAction>> DescribeScheduledActionsAsync(string asgName, CancellationToken cancellationToken) =>
        autoScaling.ListAsync(
            AutoScalingRequests.DescribeScheduledActions(asgName), Pagination.NextToken, AutoScalingResponses.ScheduledActions, cancellationToken);

    public Task PutScheduledActionAsync(string asgName, ScheduledAction action, CancellationToken cancellationToken) =>
        autoScaling.CallAsync(AutoScalingRequests.PutScheduledAction(asgName, action), cancellationToken);

    public Task DeleteScheduledActionAsync(string asgName, string actionName, CancellationToken cancellationToken) =>
        autoScaling.CallAsync(AutoScalingRequests.DeleteScheduledAction(asgName, actionName), cancellationToken);

    public async Task<IReadOnlyList<LifecycleHook>> DescribeLifecycleHooksAsync(string asgName, CancellationToken cancellationToken)
    {
        // DescribeLifecycleHooks is not paged: a group has at most 50 hooks and they come in one answer.
        var result = await autoScaling.CallAsync(AutoScalingRequests.DescribeLifecycleHooks(asgName), cancellationToken);
        return [.. AutoScalingResponses.LifecycleHooks(result)];
    }

    public Task PutLifecycleHookAsync(string asgName, LifecycleHook hook, CancellationToken cancellationToken) =>
        autoScaling.CallAsync(AutoScalingRequests.PutLifecycleHook(asgName, hook), cancellationToken);

    public Task AttachTargetGroupsAsync(string asgName, IReadOnlyList<string> targetGroupArns, CancellationToken cancellationToken) =>
        InChunksAsync(targetGroupArns, chunk => AutoScalingRequests.AttachTargetGroups(asgName, chunk), cancellationToken);

    public Task DetachTargetGroupsAsync(string asgName, IReadOnlyList<string> targetGroupArns, CancellationToken cancellationToken) =>
        InChunksAsync(targetGroupArns, chunk => AutoScalingRequests.DetachTargetGroups(asgName, chunk), cancellationToken);

    public Task AttachLoadBalancersAsync(string asgName, IReadOnlyList<string> loadBalancerNames, CancellationToken cancellationToken) =>
        InChunksAsync(loadBalancerNames, chunk => AutoScalingRequests.AttachLoadBalancers(asgName, chunk), cancellationToken);

    public Task DetachLoadBalancersAsync(string asgName, IReadOnlyList<string> loadBalancerNames, CancellationToken cancellationToken) =>
        InChunksAsync(loadBalancerNames, chunk => AutoScalingRequests.DetachLoadBalancers(asgName, chunk), cancellationToken);

    public Task<IReadOnlyList<ScalingActivity>> DescribeScalingActivitiesAsync(string asgName, int maxRecords, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        return autoScaling.ListAsync(
            AutoScalingRequests.DescribeScalingActivities(asgName, maxRecords),
            Pagination.NextToken,
            AutoScalingResponses.Activities,
            cancellationToken,
            maxRecords);
    }

    public Task<IReadOnlyList<TargetGroup>> DescribeTargetGroupsAsync(IReadOnlyList<string> targetGroupArns, CancellationToken cancellationToken) =>
        targetGroupArns.Count == 0
            ? Task.FromResult<IReadOnlyList<TargetGroup>>([])
            : loadBalancingV2.ListAsync(
                LoadBalancingRequests.DescribeTargetGroups(targetGroupArns.Distinct(StringComparer.Ordinal)),
                Pagination.Marker,
                LoadBalancingResponses.TargetGroups,
                cancellationToken);

    public async Task<IReadOnlyList<TargetHealth>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        // DescribeTargetHealth is not paged: every registered target comes in one answer.
        var result = await loadBalancingV2.CallAsync(LoadBalancingRequests.DescribeTargetHealth(targetGroupArn), cancellationToken);
        return [.. LoadBalancingResponses.TargetHealth(result)];
    }

    public async Task<IReadOnlyList<LoadBalancerInstanceHealth>> DescribeInstanceHealthAsync(string loadBalancerName, CancellationToken cancellationToken)
    {
        // Classic ELB's DescribeInstanceHealth is not paged either.
        var result = await classicLoadBalancing.CallAsync(LoadBalancingRequests.DescribeInstanceHealth(loadBalancerName), cancellationToken);
        return [.. LoadBalancingResponses.InstanceHealth(result)];
    }

    public Task<IReadOnlyList<MachineImage>> DescribeImagesAsync(ImageQuery query, CancellationToken cancellationToken) =>
        ec2.DescribeImagesAsync(query, cancellationToken);

    public Task<LaunchTemplateVersion> DescribeLaunchTemplateVersionAsync(LaunchTemplateSpec template, string version, CancellationToken cancellationToken) =>
        ec2.DescribeLaunchTemplateVersionAsync(template, version, cancellationToken);

    public Task<LaunchTemplateVersion> CreateLaunchTemplateVersionAsync(CreateLaunchTemplateVersionRequest request, CancellationToken cancellationToken) =>
        ec2.CreateLaunchTemplateVersionAsync(request, cancellationToken);

    public Task<LaunchTemplateVersion> CreateLaunchTemplateAsync(CreateLaunchTemplateRequest request, CancellationToken cancellationToken) =>
        ec2.CreateLaunchTemplateAsync(request, cancellationToken);

    public async Task<LaunchConfiguration?> DescribeLaunchConfigurationAsync(string name, CancellationToken cancellationToken)
    {
        var result = await autoScaling.CallAsync(AutoScalingRequests.DescribeLaunchConfiguration(name), cancellationToken);
        return AutoScalingResponses.LaunchConfigurations(result).FirstOrDefault();
    }

    public async Task<IReadOnlyList<MetricAlarm>> DescribeAlarmsAsync(IReadOnlyCollection<string> alarmNames, CancellationToken cancellationToken)
    {
        // Without names DescribeAlarms lists every alarm of the region; asking for none is answered here.
        var alarms = new List<MetricAlarm>();
        foreach (var chunk in alarmNames.Distinct(StringComparer.Ordinal).Chunk(CloudWatchRequests.MaxAlarmNamesPerCall))
        {
            alarms.AddRange(await cloudWatch.ListAsync(
                CloudWatchRequests.DescribeAlarms(chunk), Pagination.NextToken, CloudWatchResponses.MetricAlarms, cancellationToken));
        }

        return alarms;
    }

    public Task PutMetricAlarmAsync(MetricAlarm alarm, CancellationToken cancellationToken) =>
        cloudWatch.CallAsync(CloudWatchRequests.PutMetricAlarm(alarm), cancellationToken);

    public async Task DeleteAlarmsAsync(IReadOnlyCollection<string> alarmNames, CancellationToken cancellationToken)
    {
        foreach (var chunk in alarmNames.Distinct(StringComparer.Ordinal).Chunk(CloudWatchRequests.MaxAlarmNamesPerCall))
            await cloudWatch.CallAsync(CloudWatchRequests.DeleteAlarms(chunk), cancellationToken);
    }

    public void Dispose() => ec2.Dispose();

    private async Task InChunksAsync(
        IReadOnlyList<string> items, Func<IEnumerable<string>, QueryRequest> request, CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Distinct(StringComparer.Ordinal).Chunk(AutoScalingRequests.MaxLoadBalancersPerCall))
            await autoScaling.CallAsync(request(chunk), cancellationToken);
    }
}
