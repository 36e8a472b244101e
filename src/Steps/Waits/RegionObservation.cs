using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Steps.Waits;

/// <summary>
/// One poll of everything the waits of one account and region need, read together so that the calls grow with the
/// number of groups (one DescribeAutoScalingGroups per 50 names) and of load balancers (one health read each, however
/// many waits share it), never with the number of waits.
/// </summary>
public sealed record RegionObservation(
    IReadOnlyDictionary<string, AsgDescription> Groups,
    IReadOnlyDictionary<string, IReadOnlyList<TargetHealth>> TargetHealth,
    IReadOnlyDictionary<string, IReadOnlyList<LoadBalancerInstanceHealth>> LoadBalancerHealth,
    IReadOnlyDictionary<string, CloudError> ReadErrors,
    DateTimeOffset At)
{
    /// <summary>DescribeAutoScalingGroups takes at most this many names per call (AWS's limit).</summary>
    public const int MaxGroupsPerDescribe = 50;

    /// <summary>What one wait sees of this poll.</summary>
    public GroupObservation For(WaitRequirement requirement) => new(
        requirement.AsgName,
        Groups.GetValueOrDefault(requirement.AsgName),
        requirement.TargetGroups.Where(TargetHealth.ContainsKey).ToDictionary(arn => arn, arn => TargetHealth[arn], StringComparer.Ordinal),
        requirement.LoadBalancers.Where(LoadBalancerHealth.ContainsKey).ToDictionary(name => name, name => LoadBalancerHealth[name], StringComparer.Ordinal),
        requirement.TargetGroups.Concat(requirement.LoadBalancers).Where(ReadErrors.ContainsKey).ToDictionary(name => name, name => ReadErrors[name], StringComparer.Ordinal),
        At);

    /// <summary>
    /// Reads the groups and load balancers of <paramref name="requirements"/>, the groups <paramref name="groupsPerDescribe"/>
    /// names to a DescribeAutoScalingGroups call. A group read that fails fails the whole poll (the caller tries again at
    /// the next interval); a load balancer that cannot be read is recorded in <see cref="ReadErrors"/> so that the waits
    /// that need it are judged on the error and the others go on.
    /// </summary>
    public static async Task<RegionObservation> ReadAsync(
        ICloud cloud,
        IReadOnlyCollection<WaitRequirement> requirements,
        TimeProvider time,
        CancellationToken cancellationToken,
        int groupsPerDescribe = MaxGroupsPerDescribe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupsPerDescribe, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(groupsPerDescribe, MaxGroupsPerDescribe);
        var names = requirements.Select(r => r.AsgName).Distinct(StringComparer.Ordinal).ToList();
        var groups = new List<AsgDescription>(names.Count);
        foreach (var chunk in names.Chunk(groupsPerDescribe))
            groups.AddRange(await cloud.DescribeAsgsAsync(chunk, cancellationToken));
        var targetHealth = new Dictionary<string, IReadOnlyList<TargetHealth>>(StringComparer.Ordinal);
        var loadBalancerHealth = new Dictionary<string, IReadOnlyList<LoadBalancerInstanceHealth>>(StringComparer.Ordinal);
        var errors = new Dictionary<string, CloudError>(StringComparer.Ordinal);
        foreach (var arn in requirements.SelectMany(r => r.TargetGroups).Distinct(StringComparer.Ordinal))
        {
            try
            {
                targetHealth[arn] = await cloud.DescribeTargetHealthAsync(arn, cancellationToken);
            }
            catch (CloudException e)
            {
                errors[arn] = e.Error;
            }
        }
        foreach (var name in requirements.SelectMany(r => r.LoadBalancers).Distinct(StringComparer.Ordinal))
        {
            try
            {
                loadBalancerHealth[name] = await cloud.DescribeInstanceHealthAsync(name, cancellationToken);
            }
            catch (CloudException e)
            {
                errors[name] = e.Error;
            }
        }
        return new RegionObservation(
            groups.ToDictionary(g => g.Name, StringComparer.Ordinal), targetHealth, loadBalancerHealth, errors, time.GetUtcNow());
    }
}
