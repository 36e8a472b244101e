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
        ["SuspendProcesses"] = GroupOperations.SuspendProcesses,
        ["ResumeProcesses"] = GroupOperations.ResumeProcesses,
        ["PutScalingPolicy"] = PolicyOperations.PutScalingPolicy,
        ["DescribePolicies"] = PolicyOperations.DescribePolicies,
        ["DeletePolicy"] = PolicyOperations.DeletePolicy,
        ["PutScheduledUpdateGroupAction"] = PolicyOperations.PutScheduledUpdateGroupAction,
        ["DescribeScheduledActions"] = PolicyOperations.DescribeScheduledActions,
        ["PutLifecycleHook"] = PolicyOperations.PutLifecycleHook,
        ["DescribeLifecycleHooks"] = PolicyOperations.DescribeLifecycleHooks,
        ["AttachLoadBalancerTargetGroups"] = AttachmentOperations.AttachTargetGroups,
        ["DetachLoadBalancerTargetGroups"] = AttachmentOperations.DetachTargetGroups,
        ["AttachLoadBalancers"] = AttachmentOperations.AttachLoadBalancers,
        ["DetachLoadBalancers"] = AttachmentOperations.DetachLoadBalancers,
        ["DescribeScalingActivities"] = HistoryOperations.DescribeScalingActivities,
        ["DescribeLaunchConfigurations"] = HistoryOperations.DescribeLaunchConfigurations,
    };
}
