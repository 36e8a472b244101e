using Akka.Actor;
using Akka.Cluster.Sharding;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Actors.Gateway;

/// <summary>
/// Answers reads (one per node, registered with the ClusterClient receptionist). One deployment's live view comes from
/// its entity, which derives it from its state; a watch subscribes the asker to the entity's changes directly, so
/// updates travel from the deployment to the watcher without passing through here. Lists, timelines and lineage
/// histories come from the read model the projection keeps (<see cref="ReadModelProtocol"/>).
/// </summary>
internal sealed class DeploymentQueries : ReceiveActor
{
    public const string Name = "queries";

    public DeploymentQueries(IActorRef deployments, IDeploymentReadModel readModel, TimeSpan timeout)
    {
        Receive<ReadModelProtocol.ListDeployments>(list => readModel.ListAsync(list.Query).PipeTo(Sender));
        Receive<ReadModelProtocol.GetDeployment>(get =>
        {
            var id = get.DeploymentId;
            readModel.GetAsync(id).PipeTo(Sender, success: detail => new ReadModelProtocol.DeploymentFound(id, detail));
        });
        Receive<ReadModelProtocol.GetLineage>(get => readModel.GetLineageAsync(get.LineageId).PipeTo(Sender));
        Receive<ReadModelProtocol.GetProjectionStatus>(_ => readModel.GetStatusAsync().PipeTo(Sender));
        Receive<QueryProtocol.Get>(get =>
        {
            var asker = Sender;
            deployments.Ask<DeploymentView>(new ShardingEnvelope(get.DeploymentId, new DeploymentProtocol.GetView()), timeout)
                .PipeTo(asker, success: view => Known(view) ?? new QueryProtocol.NotFound(get.DeploymentId, $"no deployment has the id '{get.DeploymentId}'"));
        });
        Receive<QueryProtocol.Watch>(watch =>
        {
            // An unknown id must not leave a subscription behind: it is checked first, then the entity takes the watcher.
            var asker = Sender;
            deployments.Ask<DeploymentView>(new ShardingEnvelope(watch.DeploymentId, new DeploymentProtocol.GetView()), timeout)
                .PipeTo(Self, success: view => new Checked(watch.DeploymentId, view, asker));
        });
        Receive<Checked>(checkedWatch =>
        {
            if (Known(checkedWatch.View) is null)
                checkedWatch.Watcher.Tell(new QueryProtocol.NotFound(checkedWatch.DeploymentId, $"no deployment has the id '{checkedWatch.DeploymentId}'"));
            else
                deployments.Tell(new ShardingEnvelope(checkedWatch.DeploymentId, new DeploymentProtocol.Watch()), checkedWatch.Watcher);
        });
        // A read that timed out is answered by nobody: the client, which delivers at most once anyway, asks again.
        Receive<Status.Failure>(_ => { });
        Receive<QueryProtocol.Unwatch>(unwatch => deployments.Tell(new ShardingEnvelope(unwatch.DeploymentId, new DeploymentProtocol.Unwatch()), Sender));
    }

    public static Props Props(IActorRef deployments, IDeploymentReadModel readModel, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new DeploymentQueries(deployments, readModel, timeout));

    private static object? Known(DeploymentView view) => view.Status == DeploymentStatus.New ? null : view;

    private sealed record Checked(string DeploymentId, DeploymentView View, IActorRef Watcher);
}
