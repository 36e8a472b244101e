using System.Collections.Frozen;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;

namespace AmiOrchestrator.Actors.Serialization;

/// <summary>
/// The one table of every type the engine persists or sends between nodes, each with the manifest it is written
/// under. A manifest is forever: a journal row carries it, and every future release must read that row. So a
/// changed event gets a new type and a new manifest version (<c>.v2</c>) beside the old one; an existing line here is
/// never renamed or repointed (tests/Actors.Tests/Golden replays recorded journals to hold us to it). Adding a message
/// type is one line here: the serializer binding, the manifest and the round-trip tests all follow from this table.
/// </summary>
internal static class MessageManifests
{
    private static readonly (Type Type, string Manifest)[] Entries =
    [
        // A deployment's journal.
        (typeof(DeploymentSubmitted), "deployment-submitted.v1"),
        (typeof(DeploymentStarted), "deployment-started.v1"),
        (typeof(SetupPlanned), "setup-planned.v1"),
        (typeof(StepStarted), "step-started.v1"),
        (typeof(StepSucceeded), "step-succeeded.v1"),
        (typeof(StepFailed), "step-failed.v1"),
        (typeof(InterruptRequested), "interrupt-requested.v1"),
        (typeof(RollbackStarted), "rollback-started.v1"),
        (typeof(RollbackRequested), "rollback-requested.v1"),
        (typeof(RollbackDenied), "rollback-denied.v1"),
        (typeof(DeploymentSucceeded), "deployment-succeeded.v1"),
        (typeof(DeploymentFailed), "deployment-failed.v1"),
        (typeof(DeploymentAborted), "deployment-aborted.v1"),
        (typeof(DeploymentRolledBack), "deployment-rolled-back.v1"),
        (typeof(RollbackFailed), "rollback-failed.v1"),

        // A lineage's journal.
        (typeof(DeploymentAdmitted), "deployment-admitted.v1"),
        (typeof(LineageTaken), "lineage-taken.v1"),
        (typeof(LineageGivenBack), "lineage-given-back.v1"),

        // Snapshots.
        (typeof(DeploymentState), "deployment-state.v1"),
        (typeof(LineageState), "lineage-state.v1"),

        // Messages to a deployment (they cross nodes through its shard region).
        (typeof(DeploymentInput.Submit), "deployment-submit.v1"),
        (typeof(DeploymentInput.LineageGranted), "deployment-lineage-granted.v1"),
        (typeof(DeploymentInput.LineageDenied), "deployment-lineage-denied.v1"),
        (typeof(DeploymentInput.StepOutcome), "deployment-step-outcome.v1"),
        (typeof(DeploymentInput.Approve), "deployment-approve.v1"),
        (typeof(DeploymentInput.Reject), "deployment-reject.v1"),
        (typeof(DeploymentInput.RequestRollback), "deployment-request-rollback.v1"),
        (typeof(DeploymentInput.Abort), "deployment-abort.v1"),
        (typeof(DeploymentInput.Recover), "deployment-recover.v1"),
        (typeof(CommandReply), "command-reply.v1"),
        (typeof(DeploymentProtocol.GetView), "deployment-get-view.v1"),
        (typeof(DeploymentProtocol.Watch), "deployment-watch.v1"),
        (typeof(DeploymentProtocol.Unwatch), "deployment-unwatch.v1"),
        (typeof(DeploymentView), "deployment-view.v1"),

        // The platform's commands and reads (through ClusterClient) and their answers.
        (typeof(GatewayProtocol.Submit), "gateway-submit.v1"),
        (typeof(GatewayProtocol.Rollback), "gateway-rollback.v1"),
        (typeof(GatewayProtocol.Abort), "gateway-abort.v1"),
        (typeof(GatewayProtocol.Approve), "gateway-approve.v1"),
        (typeof(GatewayProtocol.Reject), "gateway-reject.v1"),
        (typeof(GatewayProtocol.Accepted), "gateway-accepted.v1"),
        (typeof(GatewayProtocol.Rejected), "gateway-rejected.v1"),
        (typeof(QueryProtocol.Get), "query-get.v1"),
        (typeof(QueryProtocol.Watch), "query-watch.v1"),
        (typeof(QueryProtocol.Unwatch), "query-unwatch.v1"),
        (typeof(QueryProtocol.NotFound), "query-not-found.v1"),

        // Messages to a lineage and its answers.
        (typeof(LineageInput.Admit), "lineage-admit.v1"),
        (typeof(LineageInput.AskForTurn), "lineage-ask-for-turn.v1"),
        (typeof(LineageInput.AskForRollbackTurn), "lineage-ask-for-rollback-turn.v1"),
        (typeof(LineageInput.GiveBack), "lineage-give-back.v1"),
        (typeof(LineageEffect.GrantTurn), "lineage-grant-turn.v1"),
        (typeof(LineageEffect.RefuseTurn), "lineage-refuse-turn.v1"),
        (typeof(LineageEffect.QueuePosition), "lineage-queue-position.v1"),
        (typeof(LineageEffect.Released), "lineage-released.v1"),

        // The read model's queries and their answers, and the projection's rebuild.
        (typeof(ReadModelProtocol.ListDeployments), "read-model-list-deployments.v1"),
        (typeof(DeploymentListResult), "read-model-deployment-list.v1"),
        (typeof(ReadModelProtocol.GetDeployment), "read-model-get-deployment.v1"),
        (typeof(ReadModelProtocol.DeploymentFound), "read-model-deployment-found.v1"),
        (typeof(ReadModelProtocol.GetLineage), "read-model-get-lineage.v1"),
        (typeof(LineageHistory), "read-model-lineage-history.v1"),
        (typeof(ReadModelProtocol.GetProjectionStatus), "read-model-get-projection-status.v1"),
        (typeof(ProjectionStatus), "read-model-projection-status.v1"),
        (typeof(ReadModelProtocol.Rebuild), "read-model-rebuild.v1"),
        (typeof(ReadModelProtocol.RebuildStarted), "read-model-rebuild-started.v1"),
    ];

    private static readonly FrozenDictionary<Type, string> ManifestByType = Entries.ToFrozenDictionary(e => e.Type, e => e.Manifest);

    private static readonly FrozenDictionary<string, Type> TypeByManifest = Entries.ToFrozenDictionary(e => e.Manifest, e => e.Type, StringComparer.Ordinal);

    public static IReadOnlyCollection<Type> Types => ManifestByType.Keys;

    public static IReadOnlyCollection<string> Manifests => TypeByManifest.Keys;

    public static string? ManifestOf(Type type) => ManifestByType.GetValueOrDefault(type);

    public static Type? TypeOf(string manifest) => TypeByManifest.GetValueOrDefault(manifest);
}
