using Akka.Actor;
using Akka.Cluster.Sharding;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.Gateway;

/// <summary>
/// The engine's front door (one per node, registered with the ClusterClient receptionist): it validates and routes
/// <see cref="GatewayProtocol"/> commands to the deployments and answers each with Accepted or Rejected.
/// A submission is admitted by its lineage before the deployment records anything: an invalid spec or a full lineage
/// queue is refused with nothing persisted for it, never accepted only to fail later. Commands are handled
/// concurrently (each is a small conversation with the entities), so one slow deployment never holds up the door.
/// </summary>
internal sealed class DeploymentGateway : ReceiveActor
{
    public const string Name = "gateway";

    private readonly IActorRef deployments;
    private readonly IActorRef lineages;
    private readonly TimeProvider time;
    private readonly TimeSpan timeout;

    public DeploymentGateway(IActorRef deployments, IActorRef lineages, TimeProvider time, TimeSpan timeout)
    {
        this.deployments = deployments;
        this.lineages = lineages;
        this.time = time;
        this.timeout = timeout;
        Receive<GatewayProtocol.Submit>(submit => Answer(submit.DeploymentId, SubmitAsync(submit)));
        Receive<GatewayProtocol.Rollback>(c => Answer(c.DeploymentId, CommandAsync(c.DeploymentId, new DeploymentInput.RequestRollback(c.By, c.Reason, time.GetUtcNow()))));
        Receive<GatewayProtocol.Abort>(c => Answer(c.DeploymentId, CommandAsync(c.DeploymentId, new DeploymentInput.Abort(c.By, c.Reason, time.GetUtcNow()))));
        Receive<GatewayProtocol.Approve>(c => Answer(c.DeploymentId, CommandAsync(c.DeploymentId, new DeploymentInput.Approve(c.By, time.GetUtcNow(), c.GateStepId))));
        Receive<GatewayProtocol.Reject>(c => Answer(c.DeploymentId, CommandAsync(c.DeploymentId, new DeploymentInput.Reject(c.By, c.Reason, time.GetUtcNow(), c.GateStepId))));
    }

    public static Props Props(IActorRef deployments, IActorRef lineages, TimeProvider time, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new DeploymentGateway(deployments, lineages, time, timeout));

    private void Answer(string deploymentId, Task<object> answer)
    {
        var asker = Sender;
        answer.PipeTo(asker, failure: cause => cause is AskTimeoutException or TaskCanceledException
            ? new GatewayProtocol.Rejected(deploymentId, $"the engine did not answer within {timeout}; nothing is known to have happened: send the same command again", [], Retryable: true)
            : new GatewayProtocol.Rejected(deploymentId, "the engine failed: " + cause.Message, [], Retryable: true));
    }

    private async Task<object> SubmitAsync(GatewayProtocol.Submit submit)
    {
        var problems = new List<SpecProblem>();
        if (DeploymentIds.Problem(submit.DeploymentId) is { } idProblem)
            problems.Add(new SpecProblem("deploymentId", idProblem));
        if (string.IsNullOrWhiteSpace(submit.SubmittedBy))
            problems.Add(new SpecProblem("submittedBy", "must name who submits (a user or a pipeline)"));
        var read = (submit.SpecJson, submit.Spec) switch
        {
            (not null, null) => SpecReader.Read(submit.SpecJson),
            (null, not null) => SpecReader.Check(submit.Spec),
            _ => SpecResult.Invalid(new SpecProblem("spec", "give the spec either as JSON text or as an object, exactly one")),
        };
        problems.AddRange(read.Problems);
        if (problems.Count > 0 || read.Spec is not { } spec)
            return new GatewayProtocol.Rejected(submit.DeploymentId, "the submission is invalid; nothing was recorded", problems.ToValueList());

        var input = new DeploymentInput.Submit(submit.DeploymentId, spec, submit.SubmittedBy, time.GetUtcNow());
        var view = await deployments.Ask<DeploymentView>(Envelope(submit.DeploymentId, new DeploymentProtocol.GetView()), timeout);
        // A deployment already recorded answers for itself: the same spec again is a repeat, another one a conflict.
        if (view.Status != DeploymentStatus.New)
            return Map(await deployments.Ask<CommandReply>(Envelope(submit.DeploymentId, input), timeout), null);

        var admission = await lineages.Ask<LineageEffect>(new ShardingEnvelope(spec.Infrastructure.Id, new LineageInput.Admit(submit.DeploymentId, time.GetUtcNow())), timeout);
        if (admission is LineageEffect.RefuseTurn refused)
            return new GatewayProtocol.Rejected(submit.DeploymentId, refused.Reason + "; nothing was recorded", []);
        var position = (admission as LineageEffect.QueuePosition)?.Position;
        return Map(await deployments.Ask<CommandReply>(Envelope(submit.DeploymentId, input), timeout), position);
    }

    /// <summary>A command to a deployment that exists; an id nobody submitted is refused without creating anything.</summary>
    private async Task<object> CommandAsync(string deploymentId, DeploymentInput input)
    {
        if (DeploymentIds.Problem(deploymentId) is { } idProblem)
            return new GatewayProtocol.Rejected(deploymentId, "invalid deployment id", [new SpecProblem("deploymentId", idProblem)]);
        var view = await deployments.Ask<DeploymentView>(Envelope(deploymentId, new DeploymentProtocol.GetView()), timeout);
        if (view.Status == DeploymentStatus.New)
            return new GatewayProtocol.Rejected(deploymentId, $"no deployment has the id '{deploymentId}'", []);
        return Map(await deployments.Ask<CommandReply>(Envelope(deploymentId, input), timeout), null);
    }

    private static object Map(CommandReply reply, int? position) => reply.Accepted
        ? new GatewayProtocol.Accepted(reply.DeploymentId, reply.Status, reply.Message, reply.Status == DeploymentStatus.Queued ? position : null)
        : new GatewayProtocol.Rejected(reply.DeploymentId, reply.Message, reply.Problems);

    private static ShardingEnvelope Envelope(string deploymentId, object message) => new(deploymentId, message);
}
