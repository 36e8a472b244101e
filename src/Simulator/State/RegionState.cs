using AmiOrchestrator.Simulator.AutoScaling;
using AmiOrchestrator.Simulator.Ec2;
using AmiOrchestrator.Simulator.LoadBalancing;

namespace AmiOrchestrator.Simulator.State;

/// <summary>
/// Everything one account holds in one region. Requests to the region run one at a time under <see cref="Gate"/>, so
/// the resources need no locking of their own; requests to different regions or accounts run in parallel.
/// </summary>
internal sealed class RegionState(string accountId, string region, ResourceIds ids)
{
    // EC2 keeps describing terminated instances for about an hour.
    private static readonly TimeSpan TerminatedInstanceRetention = TimeSpan.FromHours(1);

    // DescribeScalingActivities covers the last six weeks.
    private static readonly TimeSpan ActivityRetention = TimeSpan.FromDays(42);

    public Lock Gate { get; } = new();

    public string AccountId { get; } = accountId;

    public string Region { get; } = region;

    public ResourceIds Ids { get; } = ids;

    public Dictionary<string, MachineImageRecord> Images { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, LaunchTemplateRecord> LaunchTemplates { get; } = new(StringComparer.Ordinal);

    /// <summary>ClientToken of each CreateLaunchTemplate call to the template it created.</summary>
    public Dictionary<string, string> LaunchTemplatesByClientToken { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, LaunchConfigurationRecord> LaunchConfigurations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TargetGroupRecord> TargetGroups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ClassicLoadBalancerRecord> LoadBalancers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AutoScalingGroup> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Every instance of the region for EC2's view, including terminated ones for a while.</summary>
    public Dictionary<string, SimulatedInstance> Instances { get; } = new(StringComparer.Ordinal);

    public List<ScalingActivityRecord> Activities { get; } = [];

    public string AutoScalingArn(string resource) => $"arn:aws:autoscaling:{Region}:{AccountId}:{resource}";

    public LaunchTemplateRecord? FindLaunchTemplate(string? id, string? name) =>
        id is not null
            ? LaunchTemplates.GetValueOrDefault(id)
            : LaunchTemplates.Values.FirstOrDefault(t => t.LaunchTemplateName == name);

    public SimulatedInstance? FindInstance(string instanceId) => Instances.GetValueOrDefault(instanceId);

    /// <summary>
    /// Drops what the clock has finished with: fully terminated instances leave their group, a group being deleted
    /// disappears once it is empty, drained registrations end, and old history expires. Runs before every request, so
    /// state is always as of the request's time.
    /// </summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var group in Groups.Values.ToList())
        {
            group.Instances.RemoveAll(i => i.IsGone(now));
            if (group.IsDeleting && group.Instances.Count == 0)
                Groups.Remove(group.Name);
        }
        foreach (var instance in Instances.Values.Where(i => i.TerminatedAt + TerminatedInstanceRetention <= now).ToList())
            Instances.Remove(instance.InstanceId);
        foreach (var targetGroup in TargetGroups.Values)
            targetGroup.Targets.Sweep(now);
        foreach (var loadBalancer in LoadBalancers.Values)
            loadBalancer.Instances.Sweep(now);
        Activities.RemoveAll(a => a.StartTime + ActivityRetention <= now);
    }
}
