using AmiOrchestrator.Aws.Query;

namespace AmiOrchestrator.Aws.LoadBalancing;

/// <summary>The load-balancing calls of the engine: ELBv2 (2015-12-01) target groups and classic ELB (2012-06-01) instance health.</summary>
internal static class LoadBalancingRequests
{
    /// <summary>ELBv2's largest page.</summary>
    public const int MaxPageSize = 400;

    public static QueryRequest DescribeTargetGroups(IEnumerable<string> arns) =>
        new("DescribeTargetGroups", p => p
            .AddList("TargetGroupArns", arns)
            .Add("PageSize", MaxPageSize));

    public static QueryRequest DescribeTargetHealth(string targetGroupArn) =>
        new("DescribeTargetHealth", p => p.Add("TargetGroupArn", targetGroupArn));

    public static QueryRequest DescribeInstanceHealth(string loadBalancerName) =>
        new("DescribeInstanceHealth", p => p.Add("LoadBalancerName", loadBalancerName));
}
