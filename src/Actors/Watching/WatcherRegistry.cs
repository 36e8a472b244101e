using Akka.Actor;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Actors.Watching;

/// <summary>
/// The node's watchers, one <see cref="AsgWatcher"/> per account and region (a cloud target: region and role), created
/// when a wait first needs it. Every wait of every deployment on the node that looks at the same account and region
/// shares one poll, so calls grow with groups, not with deployments.
/// </summary>
internal sealed class WatcherRegistry : ReceiveActor
{
    public const string Name = "asg-watchers";

    private readonly Func<CloudTarget, Props> watcherProps;
    private readonly Dictionary<CloudTarget, IActorRef> watchers = [];

    public WatcherRegistry(Func<CloudTarget, Props> watcherProps)
    {
        this.watcherProps = watcherProps;
        Receive<WatchProtocol.Subscribe>(subscribe => WatcherFor(subscribe.Target).Forward(subscribe));
        Receive<WatchProtocol.Unsubscribe>(unsubscribe =>
        {
            if (watchers.TryGetValue(unsubscribe.Target, out var watcher))
                watcher.Forward(unsubscribe);
        });
    }

    public static Props Props(Func<ICloudProvider> clouds, TimeProvider time, TimeSpan minimumPollInterval) =>
        Akka.Actor.Props.Create(() => new WatcherRegistry(target => AsgWatcher.Props(clouds().For(target), time, minimumPollInterval)));

    private IActorRef WatcherFor(CloudTarget target)
    {
        if (!watchers.TryGetValue(target, out var watcher))
        {
            watcher = Context.ActorOf(watcherProps(target), "watcher-" + watchers.Count);
            watchers[target] = watcher;
        }
        return watcher;
    }
}
