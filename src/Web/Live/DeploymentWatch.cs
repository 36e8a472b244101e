using System.Threading.Channels;
using Akka.Actor;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Gateway;

namespace AmiOrchestrator.Web.Live;

/// <summary>
/// Bridges one live stream to a deployment's entity: it watches the deployment through the node's query actor (as a
/// cluster-client platform does) and writes every <see cref="DeploymentView"/> the entity pushes to the stream's channel.
/// One per open stream; the stream stops it when the client goes.
/// </summary>
/// <remarks>
/// A subscription lives in the entity, so it ends with the entity: when the deployment ends (the entity passivates),
/// when its shard moves to another node, or when its node dies. The bridge watches the entity that sends the views and
/// subscribes again when it stops before the deployment has ended. After the end it stays quiet, and subscribes again
/// only when told the read model has seen newer events than its last view (a rollback requested after a failure).
/// </remarks>
internal sealed class DeploymentWatch : ReceiveActor, IWithTimers
{
    /// <summary>The query actor asks the entity with the engine's command timeout (10 s); no view by then means ask again.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(12);

    private readonly string deploymentId;
    private readonly IActorRef queries;
    private readonly ChannelWriter<object> output;
    private IActorRef? entity;
    private long lastVersion = -1;
    private bool ended;

    public DeploymentWatch(string deploymentId, IActorRef queries, ChannelWriter<object> output)
    {
        this.deploymentId = deploymentId;
        this.queries = queries;
        this.output = output;
        Receive<DeploymentView>(OnView);
        Receive<QueryProtocol.NotFound>(notFound =>
        {
            Timers.Cancel(nameof(Resubscribe));
            output.TryWrite(notFound);
        });
        Receive<Terminated>(terminated =>
        {
            if (!terminated.ActorRef.Equals(entity))
                return;
            entity = null;
            if (!ended)
                Subscribe();
        });
        Receive<Behind>(behind =>
        {
            if (entity is null && behind.SequenceNr > lastVersion)
                Subscribe();
        });
        Receive<Resubscribe>(_ => Subscribe());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string deploymentId, IActorRef queries, ChannelWriter<object> output) =>
        Akka.Actor.Props.Create(() => new DeploymentWatch(deploymentId, queries, output));

    protected override void PreStart() => Subscribe();

    private void OnView(DeploymentView view)
    {
        Timers.Cancel(nameof(Resubscribe));
        // Views arrive in order from one entity; an older one (from an entity that stopped meanwhile) changes nothing.
        if (view.Version < lastVersion)
            return;
        lastVersion = view.Version;
        ended = view.HasEnded;
        output.TryWrite(view);
        if (ended)
        {
            // The entity passivates once it has ended; its stop is expected, not a reason to subscribe again.
            if (entity is not null)
                Context.Unwatch(entity);
            entity = null;
        }
        else if (!Sender.Equals(entity) && !Sender.Equals(queries))
        {
            if (entity is not null)
                Context.Unwatch(entity);
            entity = Sender;
            Context.Watch(entity);
        }
    }

    private void Subscribe()
    {
        queries.Tell(new QueryProtocol.Watch(deploymentId));
        Timers.StartSingleTimer(nameof(Resubscribe), Resubscribe.Instance, Patience);
    }

    /// <summary>The read model holds events of the deployment up to <see cref="SequenceNr"/>.</summary>
    public sealed record Behind(long SequenceNr);

    private sealed class Resubscribe
    {
        public static readonly Resubscribe Instance = new();
    }
}
