using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Throttling;

/// <summary>
/// The default token bucket of each API, per account and region, as AWS publishes them where it does:
/// <list type="bullet">
/// <item>EC2 ("Request throttling for the Amazon EC2 API"): non-mutating actions 100 / 20 a second; the unfiltered
/// and unpaginated forms of DescribeInstances and its kin 50 / 10; mutating actions 50 / 5; CreateLaunchTemplateVersion
/// and ModifyLaunchTemplate, which EC2 lists apart, 100 / 5.</item>
/// <item>Elastic Load Balancing ("Request throttling for the ELB API"): describe calls (the only ones simulated) 40 /
/// 10 a second, each API version with buckets of its own.</item>
/// <item>CloudWatch (service quotas): DescribeAlarms 9 a second, PutMetricAlarm, DeleteAlarms and SetAlarmState 3 a
/// second; a quota of N a second is modelled as a bucket of N refilled at N a second.</item>
/// <item>Auto Scaling publishes no numbers. The simulator takes ELB's describe figures for its describe calls (40 /
/// 10 a second) and, for every other call, a bucket of 20 refilled at 5 a second: EC2's mutating refill with half
/// the bucket, deliberately stricter than anything a real account is likely to allow.</item>
/// </list>
/// STS is not throttled. The numbers and their sources are repeated in deploy/simulator/README.md.
/// </summary>
internal static class RateLimitCatalog
{
    private static readonly RateLimit Ec2NonMutating = new(100, 20);
    private static readonly RateLimit Ec2Unfiltered = new(50, 10);
    private static readonly RateLimit Ec2Mutating = new(50, 5);
    private static readonly RateLimit LoadBalancingDescribe = new(40, 10);
    private static readonly RateLimit AutoScalingDescribe = new(40, 10);
    private static readonly RateLimit AutoScalingMutating = new(20, 5);

    private static readonly Dictionary<string, RateLimit> Ec2Uncategorized = new(StringComparer.Ordinal)
    {
        ["CreateLaunchTemplateVersion"] = new(100, 5),
        ["ModifyLaunchTemplate"] = new(100, 5),
    };

    // EC2 gives these a smaller bucket when they are called with neither a filter nor pagination.
    private static readonly HashSet<string> Ec2UnfilteredActions = new(StringComparer.Ordinal)
    {
        "DescribeInstances", "DescribeInstanceStatus", "DescribeNetworkInterfaces", "DescribeSecurityGroups",
        "DescribeSnapshots", "DescribeSpotInstanceRequests", "DescribeVolumes",
    };

    private static readonly Dictionary<string, RateLimit> CloudWatchQuotas = new(StringComparer.Ordinal)
    {
        ["DescribeAlarms"] = new(9, 9),
        ["PutMetricAlarm"] = new(3, 3),
        ["DeleteAlarms"] = new(3, 3),
        ["SetAlarmState"] = new(3, 3),
    };

    /// <summary>The bucket a request draws from (its API, as the override table names it) and its default limit; null when the service is not throttled.</summary>
    public static (string Api, RateLimit Limit)? For(ServiceProfile service, string action, QueryParameters parameters)
    {
        var reading = IsNonMutating(action);
        if (service == ServiceProfile.Ec2)
        {
            if (Ec2UnfilteredActions.Contains(action) && !parameters.Has("Filter") && parameters["MaxResults"] is null && parameters["NextToken"] is null)
                return (action + " (unfiltered, unpaginated)", Ec2Unfiltered);
            return (action, Ec2Uncategorized.GetValueOrDefault(action) ?? (reading ? Ec2NonMutating : Ec2Mutating));
        }
        // The simulated load balancers serve describe calls only.
        if (service == ServiceProfile.ElbV2 || service == ServiceProfile.ClassicElb)
            return (action, LoadBalancingDescribe);
        // A CloudWatch call not in the quota table (none today) would get the strictest quota of the alarm calls.
        if (service == ServiceProfile.CloudWatch)
            return (action, CloudWatchQuotas.GetValueOrDefault(action) ?? new RateLimit(3, 3));
        if (service == ServiceProfile.AutoScaling)
            return (action, reading ? AutoScalingDescribe : AutoScalingMutating);
        return null;
    }

    private static bool IsNonMutating(string action) =>
        action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("Get", StringComparison.Ordinal)
        || action.StartsWith("List", StringComparison.Ordinal) || action.StartsWith("Search", StringComparison.Ordinal);
}
