using AmiOrchestrator.Simulator.AutoScaling;
using AmiOrchestrator.Simulator.AutoScaling.Lifecycle;
using AmiOrchestrator.Simulator.CloudWatch;
using AmiOrchestrator.Simulator.Ec2;
using AmiOrchestrator.Simulator.LoadBalancing;

namespace AmiOrchestrator.Simulator.State;

/// <summary>
/// Everything one account holds in one region. Requests to the region run one at a time under <see cref="Gate"/>, so
/// the resources need no locking of their own; requests to different regions or accounts run in parallel.
/// The region keeps a timeline: <see cref="Advance"/> applies, in time order, everything that was due between the
/// last request and now, so a state read after the clock jumped ahead is what AWS would show at that moment.
/// </summary>
internal sealed class RegionState(string accountId, string region, ResourceIds ids, IReadOnlyList<ITimedProcess> processes)
{
    // EC2 keeps describing terminated instances for about an hour.
    private static readonly TimeSpan TerminatedInstanceRetention = TimeSpan.FromHours(1);

    // DescribeScalingActivities covers the last six weeks.
    private static readonly TimeSpan ActivityRetention = TimeSpan.FromDays(42);

    // A bound on the events one Advance applies, so a process that never moves its due time fails loudly instead of hanging.
    private const int MaxStepsPerAdvance = 1_000_000;

    private readonly List<string> requestActivities = [];
    private long? currentRequest;
    private long activityOrdinal;

    // The earliest due time of the timed processes as of the last Advance, kept while nothing has changed since. Asking
    // every process walks the whole fleet, and most requests only read: with thousands of groups, asking on every
    // request was most of the simulator's time (profile of the throughput benchmark). A process's due time depends on
    // the region's resources, not on the clock, so only a change can make it earlier.
    private DateTimeOffset? knownNextDue;
    private bool nextDueKnown;

    // Likewise the earliest time the clock finishes with something (see Sweep), kept while nothing has changed.
    private DateTimeOffset? nextSweep;
    private bool nextSweepKnown;

    public Lock Gate { get; } = new();

    public string AccountId { get; } = accountId;

    public string Region { get; } = region;

    public ResourceIds Ids { get; } = ids;

    /// <summary>The time the timeline has been brought up to.</summary>
    public DateTimeOffset Position { get; private set; } = DateTimeOffset.MinValue;

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

    /// <summary>CloudWatch metric alarms by name.</summary>
    public SortedDictionary<string, AlarmRecord> Alarms { get; } = new(StringComparer.Ordinal);

    /// <summary>The fixtures' stand-ins for the user's lifecycle automation, first match wins.</summary>
    public List<LifecycleHookHandler> HookHandlers { get; } = [];

    public string AutoScalingArn(string resource) => $"arn:aws:autoscaling:{Region}:{AccountId}:{resource}";

    public LaunchTemplateRecord? FindLaunchTemplate(string? id, string? name) =>
        id is not null
            ? LaunchTemplates.GetValueOrDefault(id)
            : LaunchTemplates.Values.FirstOrDefault(t => t.LaunchTemplateName == name);

    public SimulatedInstance? FindInstance(string instanceId) => Instances.GetValueOrDefault(instanceId);

    /// <summary>Records a new activity, numbered after every earlier one and tied to the request being served, if any.</summary>
    public ScalingActivityRecord AddActivity(ScalingActivityRecord activity)
    {
        var recorded = activity with { Ordinal = ++activityOrdinal, RequestSequence = currentRequest };
        Activities.Add(recorded);
        if (currentRequest is not null)
            requestActivities.Add(recorded.ActivityId);
        return recorded;
    }

    /// <summary>Marks the start of a request's operation, so that the activities it starts carry its sequence number.</summary>
    public void BeginRequest(long sequence)
    {
        currentRequest = sequence;
        requestActivities.Clear();
    }

    /// <summary>Ends the request's operation and returns the ids of the activities it started.</summary>
    public IReadOnlyList<string> EndRequest()
    {
        currentRequest = null;
        var started = requestActivities.ToList();
        requestActivities.Clear();
        return started;
    }

    /// <summary>
    /// Brings the region up to <paramref name="now"/>: every timed process runs at each of its due times in order (an
    /// event due before the timeline's position, which a request's change can make happen, runs at the position), then
    /// what the clock has finished with is dropped.
    /// </summary>
    public void Advance(DateTimeOffset now)
    {
        for (var step = 0; ; step++)
        {
            if (step == MaxStepsPerAdvance)
                throw new InvalidOperationException("The simulated timeline does not progress: a timed process keeps being due.");
            var next = nextDueKnown ? knownNextDue : EarliestDue();
            if (next is not { } at || at > now)
            {
                knownNextDue = next;
                nextDueKnown = true;
                break;
            }
            if (at < Position)
                at = Position;
            Position = at;
            foreach (var process in processes)
            {
                if (process.NextDue(this) <= at)
                    process.Run(this, at);
            }
            Changed();
        }
        if (now > Position)
            Position = now;
        Sweep(now);
    }

    /// <summary>
    /// Says that the region's resources may have changed outside the timeline (a request that is not a read, a control
    /// call, a fixture), so that the next <see cref="Advance"/> asks every timed process again.
    /// </summary>
    public void Changed()
    {
        nextDueKnown = false;
        nextSweepKnown = false;
    }

    private DateTimeOffset? EarliestDue()
    {
        DateTimeOffset? next = null;
        foreach (var process in processes)
        {
            if (process.NextDue(this) is { } due && (next is null || due < next))
                next = due;
        }
        return next;
    }

    /// <summary>
    /// Drops what the clock has finished with: fully terminated instances leave their group, a group being deleted
    /// disappears once it is empty, drained registrations end, and old history expires.
    /// </summary>
    private void Sweep(DateTimeOffset now)
    {
        if (nextSweepKnown && (nextSweep is null || nextSweep > now))
            return;
        DateTimeOffset? next = null;
        void Later(DateTimeOffset? at)
        {
            if (at is { } time && (next is null || time < next))
                next = time;
        }
        foreach (var group in Groups.Values.ToList())
        {
            group.Instances.RemoveAll(i => i.IsGone(now));
            foreach (var instance in group.Instances)
                Later(instance.TerminatedAt);
            if (group.IsDeleting && group.Instances.Count == 0)
                Groups.Remove(group.Name);
        }
        foreach (var instance in Instances.Values.Where(i => i.TerminatedAt is not null).ToList())
        {
            var forgotten = instance.TerminatedAt!.Value + TerminatedInstanceRetention;
            if (forgotten <= now)
                Instances.Remove(instance.InstanceId);
            else
                Later(forgotten);
        }
        foreach (var targetGroup in TargetGroups.Values)
            Later(targetGroup.Targets.Sweep(now));
        foreach (var loadBalancer in LoadBalancers.Values)
            Later(loadBalancer.Instances.Sweep(now));
        Activities.RemoveAll(a => a.StartTime + ActivityRetention <= now);
        foreach (var activity in Activities)
            Later(activity.StartTime + ActivityRetention);
        nextSweep = next;
        nextSweepKnown = true;
    }
}
