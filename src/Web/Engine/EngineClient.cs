using Akka.Actor;
using Akka.Hosting;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AmiOrchestrator.Web.Engine;

/// <summary>
/// The web surface's way into the engine: the same gateway and query actors that cluster-client platforms reach
/// (<c>/user/gateway</c>, <c>/user/queries</c>), asked in-process with the request's deadline. Nothing here decides
/// anything: HTTP answers exactly what the engine answers a platform.
/// </summary>
internal sealed class EngineClient(
    IRequiredActor<DeploymentGatewayKey> gateway,
    IRequiredActor<DeploymentQueriesKey> queries,
    IRequiredActor<ReadModelProjection> projection,
    IOptions<WebOptions> options)
{
    public TimeSpan Timeout => options.Value.EngineTimeout;

    /// <summary>Sends a <see cref="GatewayProtocol"/> command; answered with <see cref="GatewayProtocol.Accepted"/> or <see cref="GatewayProtocol.Rejected"/>.</summary>
    public async Task<object> CommandAsync(object command, CancellationToken cancellationToken)
    {
        var actor = await gateway.GetAsync(cancellationToken);
        return await actor.Ask<object>(command, Timeout, cancellationToken);
    }

    /// <summary>The deployment's live view from its entity, or null when nobody submitted that id.</summary>
    public async Task<DeploymentView?> ViewAsync(string deploymentId, CancellationToken cancellationToken) =>
        await AskQueriesAsync<object>(new QueryProtocol.Get(deploymentId), Timeout, cancellationToken) as DeploymentView;

    public Task<DeploymentListResult> ListAsync(DeploymentListQuery query, CancellationToken cancellationToken) =>
        AskQueriesAsync<DeploymentListResult>(new ReadModelProtocol.ListDeployments(query), Timeout, cancellationToken);

    public async Task<DeploymentDetail?> DetailAsync(string deploymentId, CancellationToken cancellationToken) =>
        (await AskQueriesAsync<ReadModelProtocol.DeploymentFound>(new ReadModelProtocol.GetDeployment(deploymentId), Timeout, cancellationToken)).Deployment;

    public Task<LineageHistory> LineageAsync(string lineageId, CancellationToken cancellationToken) =>
        AskQueriesAsync<LineageHistory>(new ReadModelProtocol.GetLineage(lineageId), Timeout, cancellationToken);

    /// <summary>The read model's offset and lag; it reads the journal's database, so an answer also proves the database answers.</summary>
    public Task<ProjectionStatus> StatusAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        AskQueriesAsync<ProjectionStatus>(ReadModelProtocol.GetProjectionStatus.Instance, timeout, cancellationToken);

    /// <summary>Empties the read model and replays the journal into it, on whichever node runs the projection.</summary>
    public async Task<ReadModelProtocol.RebuildStarted> RebuildAsync(string requestedBy, CancellationToken cancellationToken)
    {
        var actor = await projection.GetAsync(cancellationToken);
        return await actor.Ask<ReadModelProtocol.RebuildStarted>(new ReadModelProtocol.Rebuild(requestedBy), Timeout, cancellationToken);
    }

    /// <summary>The query actor itself, for subscriptions whose answers keep coming (<see cref="QueryProtocol.Watch"/>).</summary>
    public Task<IActorRef> QueriesAsync(CancellationToken cancellationToken) => queries.GetAsync(cancellationToken);

    private async Task<T> AskQueriesAsync<T>(object query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var actor = await queries.GetAsync(cancellationToken);
        return await actor.Ask<T>(query, timeout, cancellationToken);
    }
}
