using Akka.Actor;
using Akka.Persistence;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>
/// Writes deployments' journals as the deployment actor does, one PersistAll per decision under
/// <c>deployment-&lt;id&gt;</c>, through the node's real journal: the tags and manifests are the production ones.
/// </summary>
internal static class DeploymentJournal
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Writes every script's journal, all deployments at once, and returns once every event is in the journal.</summary>
    public static async Task WriteAsync(EngineNode node, IEnumerable<DeploymentScript> scripts)
    {
        var writes = scripts.Select(async script =>
        {
            var writer = node.System.ActorOf(Props.Create(() => new Writer(script.DeploymentId)));
            try
            {
                await writer.Ask<Written>(new WriteAll(script.Writes), Patience);
            }
            finally
            {
                writer.Tell(PoisonPill.Instance);
            }
        });
        await Task.WhenAll(writes);
    }

    /// <summary>A deployment's persistent actor reduced to its journal: it persists each write it is given, in order.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string deploymentId)
        {
            PersistenceId = "deployment-" + deploymentId;
            Command<WriteAll>(write =>
            {
                var sender = Sender;
                foreach (var events in write.Writes)
                    PersistAll(events, _ => { });
                DeferAsync(Written.Instance, written => sender.Tell(written));
            });
        }

        public override string PersistenceId { get; }
    }

    private sealed record WriteAll(IReadOnlyList<ValueList<IDeploymentEvent>> Writes);

    private sealed class Written
    {
        public static Written Instance { get; } = new();
    }
}
