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
/// </summary>
internal sealed class AsgWatcher : ReceiveActor, IDisposable
{
    private const string PollTimer = "poll";

    private static readonly Meter Meter = new("AmiOrchestrator");
    private static readonly Histogram<int> GroupsPerPoll = Meter.CreateHistogram<int>(
        "amiorchestrator.watcher.groups_per_poll", description: "Groups read by one poll of a watcher (one DescribeAutoScalingGroups per 50)");

    private readonly ICloud cloud;
    private readonly TimeProvider time;
    private readonly TimeSpan minimumInterval;
    private readonly ClockTimers timers;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<IActorRef, WaitRequirement> subscribers = [];
    private readonly CancellationTokenSource stopping = new();
    private TimeSpan? interval;
    private bool polling;

    public AsgWatcher(ICloud cloud, TimeProvider time, TimeSpan minimumInterval)
    {
        this.cloud = cloud;
        this.time = time;
        this.minimumInterval = minimumInterval;
        timers = new ClockTimers(time, Self);
        Receive<WatchProtocol.Subscribe>(OnSubscribe);
        Receive<WatchProtocol.Unsubscribe>(unsubscribe => Remove(unsubscribe.Subscriber));
        Receive<Terminated>(terminated => Remove(terminated.ActorRef));
        Receive<Poll>(_ => StartPoll());
        Receive<Polled>(OnPolled);
        Receive<PollFailed>(failed =>
        {
            polling = false;
            // The waits keep waiting: their deadlines, not the watcher, decide when too long is too long.
            log.Warning("Poll of {0} group(s) failed: {1}", subscribers.Count, failed.Cause.Message);
        });
    }

    public static Props Props(ICloud cloud, TimeProvider time, TimeSpan minimumInterval) =>
        Akka.Actor.Props.Create(() => new AsgWatcher(cloud, time, minimumInterval));

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
        Reschedule();
    }

    private void Remove(IActorRef subscriber)
    {
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
        var requirements = subscribers.Values.ToList();
        GroupsPerPoll.Record(requirements.Select(r => r.AsgName).Distinct(StringComparer.Ordinal).Count());
        RegionObservation.ReadAsync(cloud, requirements, time, stopping.Token)
            .PipeTo(Self, success: observation => new Polled(observation), failure: cause => new PollFailed(cause));
    }

    private void OnPolled(Polled polled)
    {
        polling = false;
        foreach (var (subscriber, requirement) in subscribers)
            subscriber.Tell(new WatchProtocol.Observed(polled.Observation.For(requirement)));
    }

    private sealed class Poll
    {
        public static readonly Poll Instance = new();
    }

    private sealed record Polled(RegionObservation Observation);

    private sealed record PollFailed(Exception Cause);
}
