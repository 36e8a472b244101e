using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Steps.Waits;

/// <summary>
/// One look at a group and the load balancers a wait cares about, as of <see cref="At"/>: the group as
/// DescribeAutoScalingGroups showed it (null when it does not exist, or does not exist yet: AWS is eventually
/// consistent), the targets of each target group, the instances of each classic load balancer, and the error of any
/// load balancer that could not be read.
/// </summary>
public sealed record GroupObservation(
    string AsgName,
    AsgDescription? Group,
    IReadOnlyDictionary<string, IReadOnlyList<TargetHealth>> TargetHealth,
    IReadOnlyDictionary<string, IReadOnlyList<LoadBalancerInstanceHealth>> LoadBalancerHealth,
    IReadOnlyDictionary<string, CloudError> ReadErrors,
    DateTimeOffset At);
