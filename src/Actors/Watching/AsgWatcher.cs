using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Event;
using AmiOrchestrator.Actors.Timing;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Steps.Waits;

namespace AmiOrchestrator.Actors.Watching;

/// <summary>
/// Polls one account and region for every wait that subscribed to it (DESIGN.md "AsgWatcher"): each poll is one
/// DescribeAutoScalingGroups per 50 watched groups and one health read per target group or classic load balancer,
/// however many waits share them, at the smallest interval any subscriber asked for. A group nobody watches is never
/// read; with no subscriber nothing is polled at all. Each subscriber receives what the poll saw of its own group.
/// <c>groupsPerDescribe</c> below 50 exists to measure what batching saves (the benchmarks compare 50 with 1).
/// Waits that subscribe <see cref="WatchProtocol.Subscribe.Promptly"/> (resumed after a restart) are read by a catch-up
/// poll of their own, <see cref="CatchUpDelay"/> after the first of them, so that the thousand waits a restarted node
/// resumes at once share a few describes and are judged within a second, not one poll interval later. Fresh waits
/// never trigger one: they follow a change the group has only begun to make, and the periodic poll serves them.
/// </summary>
internal sealed class AsgWatcher : ReceiveActor, IDisposable
{
    private const string PollTimer = "poll";
    private const string CatchUpTimer = "catch-up";

    /// <summary>How long a catch-up poll gathers resumed waits before it reads them (a restarted node resumes its deployments within this).</summary>
    public static readonly TimeSpan CatchUpDelay = TimeSpan.FromMilliseconds(200);

    private static readonly Meter Meter = new("AmiOrchestrator");
    private static readonly Histogram<int> GroupsPerPoll = Meter.CreateHistogram<int>(
        "amiorchestrator.watcher.groups_per_poll", description: "Groups read by one poll of a watcher (one DescribeAutoScalingGroups per 50, unless configured otherwise)");

    private readonly ICloud cloud;
    private readonly TimeProvider time;
    private readonly TimeSpan minimumInterval;
    private readonly int groupsPerDescribe;
    private readonly ClockTimers timers;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<IActorRef, WaitRequirement> subscribers = [];
    private readonly HashSet<IActorRef> catchingUp = [];
    private readonly CancellationTokenSource stopping = new();
    private TimeSpan? interval;
    private bool polling;
    private bool catchingUpPoll;

    public AsgWatcher(ICloud cloud, TimeProvider time, TimeSpan minimumInterval, int groupsPerDescribe)
    {
        this.cloud = cloud;
        this.time = time;
        this.minimumInterval = minimumInterval;
        this.groupsPerDescribe = groupsPerDescribe;
        timers = new ClockTimers(time, Self);
        Receive<WatchProtocol.Subscribe>(OnSubscribe);
        Receive<WatchProtocol.Unsubscribe>(unsubscribe => Remove(unsubscribe.Subscriber));
        Receive<Terminated>(terminated => Remove(terminated.ActorRef));
        Receive<Poll>(_ => StartPoll());
        Receive<CatchUp>(_ => StartCatchUp());
        Receive<Polled>(OnPolled);
        Receive<PollFailed>(failed =>
        {
            if (failed.CatchUp)
                catchingUpPoll = false;
            else
                polling = false;
            // The waits keep waiting: their deadlines, not the watcher, decide when too long is too long.
            log.Warning("Poll of {0} group(s) failed: {1}", failed.Groups, failed.Cause.Message);
        });
    }

    public static Props Props(ICloud cloud, TimeProvider time, TimeSpan minimumInterval, int groupsPerDescribe) =>
        Akka.Actor.Props.Create(() => new AsgWatcher(cloud, time, minimumInterval, groupsPerDescribe));

    public void Dispose()
    {
        timers.Dispose();
        stopping.Dispose();
    }

    protected override void PostStop()
    {
        stopping.Cancel();
        Dispose();
    }

    private void OnSubscribe(WatchProtocol.Subscribe subscribe)
    {
        if (!subscribers.ContainsKey(subscribe.Subscriber))
            Context.Watch(subscribe.Subscriber);
        subscribers[subscribe.Subscriber] = subscribe.Requirement;
        if (subscribe.Promptly && catchingUp.Add(subscribe.Subscriber) && !catchingUpPoll && !timers.IsActive(CatchUpTimer))
            timers.StartSingle(CatchUpTimer, CatchUp.Instance, CatchUpDelay);
        Reschedule();
    }

    private void Remove(IActorRef subscriber)
    {
        catchingUp.Remove(subscriber);
        if (subscribers.Remove(subscriber))
        {
            Context.Unwatch(subscriber);
            Reschedule();
        }
    }

    /// <summary>
    /// Polls at the smallest interval asked for, but never more often than the node's minimum (a spec cannot spend the
    /// account's call budget on polling); a new, shorter interval takes effect at once.
    /// </summary>
    private void Reschedule()
    {
        TimeSpan? wanted = subscribers.Count == 0 ? null : TimeSpan.FromTicks(Math.Max(subscribers.Values.Min(r => r.PollInterval).Ticks, minimumInterval.Ticks));
        if (wanted == interval)
            return;
        interval = wanted;
        if (wanted is { } every)
            timers.StartPeriodic(PollTimer, Poll.Instance, every);
        else
            timers.Cancel(PollTimer);
    }

    private void StartPoll()
    {
        // A poll slower than the interval is not stacked: the next tick after it ends starts the next one.
        if (polling || subscribers.Count == 0)
            return;
        polling = true;
        // A periodic poll reads every wait, those waiting to catch up included.
        catchingUp.Clear();
        Read(subscribers.Keys.ToList(), catchUp: false);
    }

    private void StartCatchUp()
    {
        if (catchingUpPoll || catchingUp.Count == 0)
            return;
        catchingUpPoll = true;
        var readers = catchingUp.ToList();
        catchingUp.Clear();
        Read(readers, catchUp: true);
    }

    private void Read(IReadOnlyList<IActorRef> readers, bool catchUp)
    {
        var requirements = readers.Select(r => subscribers[r]).ToList();
        var groups = requirements.Select(r => r.AsgName).Distinct(StringComparer.Ordinal).Count();
        GroupsPerPoll.Record(groups);
        RegionObservation.ReadAsync(cloud, requirements, time, stopping.Token, groupsPerDescribe)
            .PipeTo(Self, success: observation => new Polled(observation, readers, catchUp), failure: cause => new PollFailed(cause, groups, catchUp));
    }

    private void OnPolled(Polled polled)
    {
        if (polled.CatchUp)
            catchingUpPoll = false;
        else
            polling = false;
        // A wait that left during the poll gets nothing; one that came during it is read by the next poll.
        foreach (var reader in polled.Readers)
        {
            if (subscribers.TryGetValue(reader, out var requirement))
                reader.Tell(new WatchProtocol.Observed(polled.Observation.For(requirement)));
        }
        if (polled.CatchUp && catchingUp.Count > 0)
            timers.StartSingle(CatchUpTimer, CatchUp.Instance, CatchUpDelay);
    }

    private sealed class Poll
    {
        public static readonly Poll Instance = new();
    }

    private sealed class CatchUp
    {
        public static readonly CatchUp Instance = new();
    }

    private sealed record Polled(RegionObservation Observation, IReadOnlyList<IActorRef> Readers, bool CatchUp);

    private sealed record PollFailed(Exception Cause, int Groups, bool CatchUp);
}
