using AmiOrchestrator.Simulator.AutoScaling.Lifecycle;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>The simulated Auto Scaling API (2011-01-01).</summary>
internal sealed class AutoScalingApi : IQueryApi
{
    public ServiceProfile Profile => ServiceProfile.AutoScaling;

    public IReadOnlyDictionary<string, Operation> Operations { get; } = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["CreateAutoScalingGroup"] = GroupOperations.Create,
        ["UpdateAutoScalingGroup"] = GroupOperations.Update,
        ["SetDesiredCapacity"] = GroupOperations.SetDesiredCapacity,
        ["DescribeAutoScalingGroups"] = GroupOperations.Describe,
        ["DeleteAutoScalingGroup"] = GroupOperations.Delete,
        ["CreateOrUpdateTags"] = GroupOperations.CreateOrUpdateTags,
        ["DeleteTags"] = GroupOperations.DeleteTags,
        ["DescribeTags"] = TagOperations.DescribeTags,
        ["SuspendProcesses"] = GroupOperations.SuspendProcesses,
        ["ResumeProcesses"] = GroupOperations.ResumeProcesses,
        ["SetInstanceProtection"] = InstanceOperations.SetInstanceProtection,
        ["DescribeAutoScalingInstances"] = InstanceOperations.DescribeAutoScalingInstances,
        ["TerminateInstanceInAutoScalingGroup"] = InstanceOperations.TerminateInstanceInAutoScalingGroup,
        ["SetInstanceHealth"] = InstanceOperations.SetInstanceHealth,
        ["PutScalingPolicy"] = PolicyOperations.PutScalingPolicy,
        ["DescribePolicies"] = PolicyOperations.DescribePolicies,
        ["DeletePolicy"] = PolicyOperations.DeletePolicy,
        ["PutScheduledUpdateGroupAction"] = PolicyOperations.PutScheduledUpdateGroupAction,
        ["DescribeScheduledActions"] = PolicyOperations.DescribeScheduledActions,
        ["DeleteScheduledAction"] = PolicyOperations.DeleteScheduledAction,
        ["PutLifecycleHook"] = PolicyOperations.PutLifecycleHook,
        ["DescribeLifecycleHooks"] = PolicyOperations.DescribeLifecycleHooks,
        ["DeleteLifecycleHook"] = LifecycleOperations.DeleteLifecycleHook,
        ["CompleteLifecycleAction"] = LifecycleOperations.CompleteLifecycleAction,
        ["RecordLifecycleActionHeartbeat"] = LifecycleOperations.RecordLifecycleActionHeartbeat,
        ["AttachLoadBalancerTargetGroups"] = AttachmentOperations.AttachTargetGroups,
        ["DetachLoadBalancerTargetGroups"] = AttachmentOperations.DetachTargetGroups,
        ["DescribeLoadBalancerTargetGroups"] = AttachmentOperations.DescribeLoadBalancerTargetGroups,
        ["AttachLoadBalancers"] = AttachmentOperations.AttachLoadBalancers,
        ["DetachLoadBalancers"] = AttachmentOperations.DetachLoadBalancers,
        ["DescribeLoadBalancers"] = AttachmentOperations.DescribeLoadBalancers,
        ["DescribeScalingActivities"] = HistoryOperations.DescribeScalingActivities,
        ["DescribeLaunchConfigurations"] = HistoryOperations.DescribeLaunchConfigurations,
    };
}
